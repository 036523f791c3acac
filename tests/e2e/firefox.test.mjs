// End-to-end tests in Firefox ESR (Selenium + geckodriver, the extension installed as a
// temporary add-on). Same server and fixtures as the Chromium tests; the browser's HTTP(S) proxy
// is the test server, so requests leaving 127.0.0.1 are caught.
//   node --test tests/e2e/firefox.test.mjs        (needs geckodriver on PATH or in ~/.cargo/bin)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Builder, By, Key } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { startServer } from './server.mjs';
import { testExtension, EXPECTED, READ_STATE, ids, until, idleState, screenshots, extensionRequests } from './harness.mjs';

let server;
let driver;

function geckodriverPath() {
  const cargo = join(homedir(), '.cargo/bin/geckodriver');
  if (existsSync(cargo)) return cargo;
  return execFileSync('sh', ['-c', 'command -v geckodriver']).toString().trim();
}

before(async () => {
  server = await startServer();
  const dir = testExtension('firefox');
  const options = new firefox.Options()
    .setBinary('/usr/lib/firefox-esr/firefox-esr')
    .addArguments('-headless')
    .windowSize({ width: 1100, height: 800 });
  options.setPreference('network.proxy.type', 1);
  for (const scheme of ['http', 'ssl']) {
    options.setPreference(`network.proxy.${scheme}`, '127.0.0.1');
    options.setPreference(`network.proxy.${scheme}_port`, server.port);
  }
  driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(geckodriverPath()))
    .build();
  await driver.installAddon(dir, true);
});

after(async () => {
  await driver?.quit();
  await server?.close();
});

async function state() {
  return driver.executeScript(`return (() => {${READ_STATE}})()`);
}

async function open(path) {
  await driver.get(server.origin + path);
  return idleState(state, { what: `an idle bioflag state on ${path}` });
}

for (const [path, expected] of Object.entries(EXPECTED)) {
  test(`flags exactly ${expected.join(', ') || 'nothing'} on ${path}`, async () => {
    const s = await open(path);
    assert.deepEqual(ids(s), [...expected].sort());
    assert.deepEqual(s.painted, s.matches.map((m) => m.text).sort());
  });
}

test('names split over inline elements are found whole', async () => {
  const s = await open('/pages/split.html');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['BGI Genomics', 'bgi-genomics'],
    ['BGI Group', 'bgi-group'],
    ['Complete Genomics', 'complete-genomics'],
  ]);
});

test('strict CSP page is scanned (Firefox allows content-script WASM there)', async () => {
  const s = await open('/pages/csp-strict.html');
  assert.equal(s.engine, 'local');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [['MGI Tech Co., Ltd.', 'mgi-tech'], ['WuXi AppTec', 'wuxi-apptec']]);
});

test('infinite scroll: added posts are scanned', async () => {
  await open('/pages/infinite.html');
  await driver.executeScript('window.addPost(); window.addPost(); window.addPost();');
  const s = await until(async () => { const x = await state(); return x && x.matches.length === 2 && x; }, 5000, 'new posts flagged');
  assert.deepEqual(ids(s), ['complete-genomics', 'wuxi-apptec']);
});

test('SPA route change drops old matches and scans the new view', async () => {
  assert.deepEqual(ids(await open('/pages/spa.html')), ['bgi-genomics']);
  await driver.findElement(By.id('to-b')).click();
  const s = await until(async () => { const x = await state(); return ids(x).join() === 'mgi-tech' && x; }, 5000, 'route b flagged');
  assert.deepEqual(s.painted, ['MGI Tech']);
});

test('same-origin iframe is scanned in its own frame', async () => {
  assert.deepEqual((await open('/pages/iframe.html')).matches, []);
  await driver.switchTo().frame(await driver.findElement(By.id('inner')));
  try {
    const inner = await until(() => state(), 5000, 'frame state');
    assert.deepEqual(inner.matches.map((m) => [m.text, m.id]), [['WuXi AppTec', 'wuxi-apptec']]);
  } finally {
    await driver.switchTo().defaultContent();
  }
});

test('open shadow root text is found and painted', async () => {
  const s = await open('/pages/shadow.html');
  assert.deepEqual(s.painted, ['Complete Genomics, Inc.']);
});

test('hidden text is not flagged: hidden spans in a visible paragraph, unslotted shadow-host children', async () => {
  const s = await open('/pages/hidden.html');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['MGI Tech', 'mgi-tech'],
    ['Complete Genomics', 'complete-genomics'],
    ['BGI Research', 'bgi-research'],
  ]);
  assert.deepEqual(s.painted, ['BGI Research', 'Complete Genomics', 'MGI Tech']);
});

test('hidden text that the page shows later (class, hidden attribute, <details> opened) is flagged then', async () => {
  await open('/pages/hidden.html');
  await driver.executeScript(`
    document.getElementById('more').className = '';
    document.getElementById('flag').hidden = false;
    document.getElementById('suppliers').open = true;`);
  const s = await until(async () => { const x = await state(); return x && x.matches.length === 6 && x; }, 5000, 'shown text flagged');
  assert.deepEqual(s.matches.map((m) => m.text), ['MGI Tech', 'Complete Genomics', 'WuXi AppTec', 'Innomics', 'GBI Diagnostics', 'BGI Research']);
});

test('form fields are never highlighted, typing is unaffected', async () => {
  assert.deepEqual((await open('/pages/form.html')).matches, []);
  const input = await driver.findElement(By.id('supplier'));
  await input.clear();
  await input.sendKeys('MGI Tech and BGI Genomics');
  const s = await idleState(state);
  assert.equal(await input.getAttribute('value'), 'MGI Tech and BGI Genomics');
  assert.deepEqual(s.matches, []);
});

test('card opens on hover with the sourced content', async () => {
  await open('/pages/split.html');
  await driver.actions().move({ origin: await driver.findElement(By.css('b')) }).perform();
  const s = await until(async () => { const x = await state(); return x.card && x; }, 3000, 'card on hover');
  assert.equal(s.card.entity, 'bgi-genomics');
  for (const text of ['BGI Genomics Co., Ltd.', '深圳华大基因股份有限公司', 'also called the Department of War', 'denies', 'Not this entity here']) {
    assert.ok(s.card.text.includes(text), `card shows ${text}`);
  }
  writeFileSync(join(screenshots, 'firefox-card-hover.png'), await driver.takeScreenshot(), 'base64');
});

test('card opens on keyboard focus (Tab) and closes with Escape', async () => {
  await open('/pages/split.html');
  await driver.findElement(By.css('h1')).click();
  await driver.actions().sendKeys(Key.TAB).perform();
  const s = await until(async () => { const x = await state(); return x.card && x; }, 3000, 'card on focus');
  assert.equal(s.card.entity, 'complete-genomics');
  await driver.actions().sendKeys(Key.ESCAPE).perform();
  await until(async () => !(await state()).card, 3000, 'card closed by Escape');
});

test('the extension made no network request', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
});
