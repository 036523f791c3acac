// Starting the two browsers with the test copy of the extension (firefox.test.mjs keeps its own
// Firefox set-up).
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { testExtension, until } from './harness.mjs';
import { devtoolsPort } from './cdp.mjs';

/**
 * Chromium (Playwright persistent context) on `profile` with the unpacked extension in `dir`;
 * `server` (server.mjs) is also the proxy, so requests leaving 127.0.0.1 are recorded. `args`
 * adds command-line flags, `options` Playwright launch options. Returns {ctx, worker}.
 */
export async function launchChromiumWith({ server, dir, profile = mkdtempSync(join(tmpdir(), 'bioflag-profile-')), args = [], ...options }) {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 800 },
    ...options,
    args: [
      `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--proxy-server=http://127.0.0.1:${server.port}`,
      ...args,
    ],
  });
  const worker = ctx.serviceWorkers()[0] || (await ctx.waitForEvent('serviceworker'));
  return { ctx, worker };
}

/**
 * launchChromiumWith() a test copy of the extension (build `flags`) on a fresh profile, with a
 * raw DevTools endpoint for the toolbar popup. Loopback (the https list server) is never
 * proxied. Returns {ctx, worker, id (extension id), devtools (port), page}.
 */
export async function launchChromium({ server, flags = {} }) {
  const profile = mkdtempSync(join(tmpdir(), 'bioflag-profile-'));
  const { ctx, worker } = await launchChromiumWith({
    server,
    dir: testExtension('chromium', flags),
    profile,
    // The https list server's certificate is self-signed.
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    // A second, raw DevTools endpoint: the only way to reach the extension's toolbar popup.
    args: ['--remote-debugging-port=0'],
  });
  const devtools = await until(() => { try { return devtoolsPort(profile); } catch { return 0; } }, 5000, 'DevTools port');
  const page = ctx.pages()[0] || (await ctx.newPage());
  return { ctx, worker, id: new URL(worker.url()).host, devtools, page };
}

function geckodriverPath() {
  const cargo = join(homedir(), '.cargo/bin/geckodriver');
  if (existsSync(cargo)) return cargo;
  return execFileSync('sh', ['-c', 'command -v geckodriver']).toString().trim();
}

/**
 * Firefox ESR (Selenium) with the extension as a temporary add-on. geckodriver runs with
 * `--allow-system-access`, so tests can switch to the chrome context: the only way to open the
 * extension's own pages (moz-extension:// refuses a plain navigation) and to reach the keyboard
 * shortcut's <key>. Downloads go to `downloads` (a directory) without asking.
 * Returns {driver, addonId, host (moz-extension hostname), downloads}.
 */
export async function launchFirefox({ server, flags = {}, prefs = {} }) {
  const downloads = mkdtempSync(join(tmpdir(), 'bioflag-downloads-'));
  const dir = testExtension('firefox', flags);
  const options = new firefox.Options()
    .setBinary('/usr/lib/firefox-esr/firefox-esr')
    .addArguments('-headless')
    .windowSize({ width: 1100, height: 800 });
  options.setAcceptInsecureCerts(true); // the https list server's self-signed certificate
  options.setPreference('browser.download.folderList', 2);
  options.setPreference('browser.download.dir', downloads);
  options.setPreference('browser.download.useDownloadDir', true);
  options.setPreference('browser.download.always_ask_before_handling_new_types', false);
  options.setPreference('network.proxy.type', 1);
  for (const scheme of ['http', 'ssl']) {
    options.setPreference(`network.proxy.${scheme}`, '127.0.0.1');
    options.setPreference(`network.proxy.${scheme}_port`, server.port);
  }
  for (const [name, value] of Object.entries(prefs)) options.setPreference(name, value);
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriverPath()).addArguments('--allow-system-access'))
    .build();
  const addonId = await driver.installAddon(dir, true);
  await driver.setContext('chrome');
  const host = await driver.executeScript('return WebExtensionPolicy.getByID(arguments[0]).mozExtensionHostname', addonId);
  await driver.setContext('content');
  return { driver, addonId, host, downloads };
}

/**
 * Opens `url` (a moz-extension:// page) in a new Firefox tab with the system principal and
 * switches the driver to it. Returns its window handle.
 */
export async function openFirefoxTab(driver, url) {
  const before = new Set(await driver.getAllWindowHandles());
  await driver.setContext('chrome');
  try {
    await driver.executeScript(`
      gBrowser.selectedTab = gBrowser.addTab(arguments[0], {
        triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
      });`, url);
  } finally {
    await driver.setContext('content');
  }
  const handle = await until(async () => (await driver.getAllWindowHandles()).find((h) => !before.has(h)), 5000, `tab for ${url}`);
  await driver.switchTo().window(handle);
  // A new tab starts on about:blank, which is "complete" too: wait for the page itself.
  await until(async () => (await driver.executeScript('return location.href + " " + document.readyState')) === `${url} complete`, 8000, `${url} loaded`);
  return handle;
}
