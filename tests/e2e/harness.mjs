// Shared by the Chromium and Firefox e2e tests: the test copy of the built extension (the release
// build with its test flag switched on, which makes the content script publish its matches in a
// `data-bioflag-test` attribute), fixture expectations, and small waiting helpers.
import { cpSync, mkdtempSync, writeFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const screenshots = join(repo, 'tests/e2e/screenshots');

/**
 * A copy of the built extension with test hooks on. `flags` are extra test-build switches:
 * `forceMarks` (paint with the <mark> fallback instead of the CSS Custom Highlight API),
 * `importTimeoutMs` (the options page's URL import timeout).
 */
export function testExtension(browser, flags = {}) {
  const dist = join(repo, 'extension/dist', browser);
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} missing: run scripts/build-extension.sh`);
  const dir = mkdtempSync(join(tmpdir(), `bioflag-${browser}-`));
  cpSync(dist, dir, { recursive: true });
  const build = { test: true, browser, ...flags };
  writeFileSync(join(dir, 'build-flags.js'), `globalThis.bioflagBuild = Object.freeze(${JSON.stringify(build)});\n`);
  mkdirSync(screenshots, { recursive: true });
  return dir;
}

export const repoPath = (...parts) => join(repo, ...parts);

/** Entity ids each fixture must flag (the examples' sets come from examples/README.md). */
export const EXPECTED = {
  '/examples/shop-listing.html': ['bgi-genomics', 'bgi-group'],
  '/examples/press-release.html': ['complete-genomics', 'mgi-tech'],
  '/examples/supplier-table.html': ['forensic-genomics-international', 'mgi-tech', 'wuxi-apptec'],
  '/examples/chinese-listing.html': ['bgi-genomics', 'mgi-tech'],
  '/examples/traps.html': [],
  '/pages/form.html': [],
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * However long a caller expects a state to take, no wait gives up before this: the suite shares
 * the machine's cores (two browsers, other jobs), and under load a card or a first scan takes
 * many times what it takes on an idle machine. A wait that succeeds returns as soon as its state
 * holds, so the floor costs only failures their time.
 */
const WAIT_FLOOR_MS = 20000;

/** Polls `fn` until it returns a truthy value or `ms` (at least WAIT_FLOOR_MS) pass; returns the last value. */
export async function until(fn, ms = 5000, what = 'condition') {
  const end = Date.now() + Math.max(ms, WAIT_FLOOR_MS);
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

/**
 * The published state once the content script is idle (`read()` reads it, e.g. READ_STATE in
 * a frame): every change the page made has been scanned, painted and reported, and no card or
 * pointer timer is pending. A test asserting that something did not happen waits for this
 * (nothing can happen later without a new cause), never for a fixed time. `test(state)` adds a
 * condition.
 */
export async function idleState(read, { ms = 20000, what = 'an idle content script', test = () => true } = {}) {
  return until(async () => {
    const s = await read();
    return s && s.idle && test(s) && s;
  }, ms, what);
}

/**
 * Clears the extension's storage (`run(body)` runs a function body in an extension context where
 * storage.js is loaded, and resolves to what it returns) and waits for what the clear starts: the background migrates the
 * emptied storage again (schema, settings, an empty list index). Those writes reach every open
 * tab, and a list index change restarts a tab's session, so a page opened before they land could
 * lose its highlights for a moment in the middle of a test (the slower the machine, the later
 * they land). The schema is the migration's last write.
 */
export async function clearStorage(run) {
  await run('return chrome.storage.local.clear()');
  await until(() => run("return chrome.storage.local.get('schema').then((d) => d.schema === globalThis.bioflagStorage.SCHEMA)"),
    20000, 'storage migrated after the clear');
}

/** clearStorage's `run` for a Chromium extension context (the service worker, an extension page). */
export const inChromium = (target) => (body) => target.evaluate(`(async () => { ${body} })()`);

/** Runs in the page: the extension's published state plus the texts painted in CSS.highlights. */
export const READ_STATE = `
  document.dispatchEvent(new Event('bioflag-test-read')); // the content script republishes now
  const raw = document.documentElement.getAttribute('data-bioflag-test');
  const state = raw ? JSON.parse(raw) : null;
  const painted = [];
  if (window.CSS && CSS.highlights) {
    for (const [name, h] of CSS.highlights) if (name.startsWith('bioflag-')) for (const r of h) painted.push(r.toString());
  }
  return state && { ...state, painted: painted.sort() };
`;

export function ids(state) {
  return [...new Set(state.matches.map((m) => m.id))].sort();
}

/** Hosts the browsers talk to by themselves (updates, autofill, accounts), not the extension. */
const BROWSER_SERVICES = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|mozilla\.(com|net|org)|firefox\.com|mozaws\.net|digicert\.com)$/;

/**
 * Requests that left 127.0.0.1 and were made neither by the browser itself nor by a fixture page
 * for its own assets (the example pages reference invented `.example` hosts): what remains can
 * only come from the extension.
 */
export function extensionRequests(external) {
  const fixtureHosts = new Set();
  for (const dir of ['examples', 'tests/e2e/pages']) {
    for (const f of readdirSync(join(repo, dir))) {
      const text = readFileSync(join(repo, dir, f), 'utf8');
      for (const m of text.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})/gi)) fixtureHosts.add(m[1].toLowerCase());
    }
  }
  return external.filter((r) => {
    const host = (r.startsWith('CONNECT ') ? r.slice(8).split(':')[0] : new URL(r).hostname).toLowerCase();
    return !BROWSER_SERVICES.test(host) && !fixtureHosts.has(host);
  });
}

/**
 * Runs in hostile.html (pass it to page.evaluate or driver.executeScript): the extension's
 * published state and the texts of our ranges in the real highlight registry, read through the
 * originals the page kept before overriding what a test would use.
 */
export function readHostileState() {
  document.dispatchEvent(new Event('bioflag-test-read'));
  const raw = window.original.getAttribute.call(document.documentElement, 'data-bioflag-test');
  const painted = [];
  for (const [name, h] of window.realHighlights) {
    if (name.startsWith('bioflag-')) for (const r of h) painted.push(window.original.rangeToString.call(r));
  }
  return raw && { ...JSON.parse(raw), painted: painted.sort() };
}
