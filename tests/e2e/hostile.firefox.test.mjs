// Hostile and heavy pages in Firefox ESR, the same fixtures as
// hostile.chromium.test.mjs. Firefox gives content scripts Xray views of the page instead of an
// isolated world, so the prototype overrides are worth their own run. Only results, caps and
// "no crash" are asserted (costs are the benchmark suite's: bench/hostile.mjs); the 10 s
// mutation run is Chromium's (it adds nothing Firefox-specific).
//   node --test tests/e2e/hostile.firefox.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { startServer } from './server.mjs';
import { launchFirefox, openFirefoxTab } from './browsers.mjs';
import { READ_STATE, until, idleState, extensionRequests, readHostileState } from './harness.mjs';

let server;
let driver;
let host;
let fixture;

before(async () => {
  server = await startServer();
  ({ driver, host } = await launchFirefox({ server }));
  fixture = await driver.getWindowHandle();
});

after(async () => {
  await driver?.quit();
  await server?.close();
});

async function state() {
  return driver.executeScript(`return (() => {${READ_STATE}})()`);
}

/** Runs `script` in a new tab of an extension page, closes it, comes back to the fixture tab. */
async function inExtensionPage(path, script, ...args) {
  await openFirefoxTab(driver, `moz-extension://${host}/${path}`);
  try {
    return await driver.executeScript(script, ...args);
  } finally {
    await driver.close();
    await driver.switchTo().window(fixture);
  }
}

async function fixtureTabId() {
  return inExtensionPage('options/options.html', 'return browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url.startsWith(arguments[0])).id)', server.origin);
}

/** The top frame's status answer (what the popup shows), asked from an extension page. */
async function status() {
  const tabId = await fixtureTabId();
  return inExtensionPage('options/options.html', 'return browser.tabs.sendMessage(arguments[0], { type: "status" }, { frameId: 0 })', tabId);
}

/** The popup (as a tab, pointed at the fixture tab): its note on limits. */
async function popupNote() {
  const tabId = await fixtureTabId();
  await openFirefoxTab(driver, `moz-extension://${host}/popup/popup.html?tab=${tabId}`);
  try {
    await until(() => driver.executeScript("return document.getElementById('status').textContent"), 8000, 'popup status');
    return await driver.executeScript("const el = document.getElementById('limits'); return el.hidden ? '' : el.textContent");
  } finally {
    await driver.close();
    await driver.switchTo().window(fixture);
  }
}

async function settings() {
  return inExtensionPage('options/options.html', 'return globalThis.bioflagStorage.loadSettings()');
}

/** Opens a heavy fixture and waits for the page to be built, the matches found and the scanner idle. */
async function openHeavy(path, count) {
  await driver.switchTo().window(fixture);
  await driver.get(server.origin + path);
  await until(() => driver.executeScript('return window.built === true'), 120000, `${path} built`);
  return idleState(state, { ms: 120000, test: (x) => x.matches.length === count, what: `${count} matches on ${path}, idle` });
}

test('10 MB text node: scanned whole, in pieces, names on cuts found once', async () => {
  const s = await openHeavy('/pages/heavy.html?kind=text', 6);
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['WuXi AppTec', 'wuxi-apptec'],
    ['MGI Tech', 'mgi-tech'],
    ['Complete Genomics', 'complete-genomics'],
    ['BGI Genomics', 'bgi-genomics'],
    ['WuXi AppTec', 'wuxi-apptec'],
    ['Complete Genomics', 'complete-genomics'],
  ]);
  assert.deepEqual(s.painted, s.matches.map((m) => m.text).sort());
  assert.equal(s.stats.capped.text, false);
  assert.deepEqual((await status()).limits, { text: false, mentions: false, frames: null });
});

test('200,000 text nodes and 5,000-deep nesting: every name found, no crash', async () => {
  let s = await openHeavy('/pages/heavy.html?kind=nodes', 4);
  assert.deepEqual(s.matches.map((m) => m.text), ['WuXi AppTec', 'MGI Tech', 'BGI Genomics', 'Complete Genomics']);
  s = await openHeavy('/pages/heavy.html?kind=deep', 3);
  assert.deepEqual(s.matches.map((m) => m.text), ['WuXi AppTec', 'MGI Tech', 'Complete Genomics']);
});

test('1,000 iframes: the first 50 frames are scanned, the rest are not; the popup notes the cap', async () => {
  await openHeavy('/pages/heavy.html?kind=frames', 2);
  const frameState = async (i) => {
    await driver.switchTo().frame(i);
    try {
      return await state();
    } finally {
      await driver.switchTo().defaultContent();
    }
  };
  const first = await until(() => frameState(0), 10000, 'first frame scanned');
  assert.deepEqual(first.matches.map((m) => [m.text, m.id]), [['MGI Tech', 'mgi-tech']]);
  assert.equal((await until(() => frameState(49), 30000, 'frame 50 state')).skipped, undefined, 'frame 50 is scanned');
  // Frames past the cap say so (test builds) as soon as their content script has looked.
  assert.equal((await until(() => frameState(50), 30000, 'frame 51 state')).skipped, 'frame limit', 'frame 51 is not');
  const last = await until(() => frameState(999), 60000, 'last frame state');
  assert.equal(last.skipped, 'frame limit', 'the last frame (it names MGI Tech) is not');
  assert.deepEqual(last.matches, []);
  assert.deepEqual((await status()).limits.frames, { total: 1000, scanned: 50 });
  assert.match(await popupNote(), /only 50 of its 1000 frames were checked/);
});

/** Reads the hostile page through the originals it kept before attacking (see hostile.html). */
async function hostileState() {
  return driver.executeScript(readHostileState);
}

async function hoverWuxi() {
  // From elsewhere first: after a reload the pointer may already rest on the name (no move).
  await driver.actions().move({ origin: await driver.findElement(By.css('h1')) }).perform();
  await driver.actions().move({ origin: await driver.findElement(By.css('#one b')) }).perform();
  return idleState(hostileState, { test: (x) => !!x.card, what: 'card on hover' });
}

test('a page that overrides Node, Range, CSS.highlights, MutationObserver, timers: Xray views keep the extension working', async () => {
  await driver.get(`${server.origin}/pages/hostile.html`);
  // Loading the engine in a new page (WASM compiled per frame) takes longest of all when the
  // machine is busy: wait for the scanner's state (idle, what it found), not a few seconds.
  let s = await idleState(hostileState, { test: (x) => x.matches.length === 3, what: 'hostile page scanned' });
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [['BGI Genomics', 'bgi-genomics'], ['WuXi AppTec', 'wuxi-apptec'], ['MGI Tech', 'mgi-tech']]);
  assert.deepEqual(s.painted, ['BGI Genomics', 'MGI Tech', 'WuXi AppTec']);
  await driver.executeScript('window.addLater()');
  s = await idleState(hostileState, { test: (x) => x.matches.length === 4, what: 'later text flagged' });
  assert.equal(s.matches[3].text, 'Complete Genomics');
  s = await hoverWuxi();
  assert.equal(s.card.entity, 'wuxi-apptec');
  const seen = await driver.executeScript('return { attachShadow: window.attacks.attachShadow, observers: window.attacks.observers, walkers: window.attacks.walkers }');
  assert.deepEqual(seen, { attachShadow: 0, observers: 0, walkers: 0 });
});

test('a page that deletes or rewrites our highlights in the registry: they are put back', async () => {
  await driver.get(`${server.origin}/pages/hostile.html`);
  const expected = ['BGI Genomics', 'MGI Tech', 'WuXi AppTec'];
  await until(async () => { const x = await hostileState(); return x && x.painted.length === 3; }, 8000, 'painted');
  const attacks = {
    'registry cleared': 'window.realHighlights.clear()',
    'our Highlight emptied': 'for (const [name, h] of window.realHighlights) if (name.startsWith("bioflag-")) h.clear()',
    'our ranges moved onto other text': `const t = document.getElementById('two').childNodes[0];
      for (const [name, h] of window.realHighlights) if (name.startsWith('bioflag-')) for (const r of h) { window.original.setStart.call(r, t, 40); window.original.setEnd.call(r, t, 53); }`,
  };
  for (const [what, attack] of Object.entries(attacks)) {
    await driver.executeScript(attack);
    let seen = null;
    await until(async () => {
      seen = await driver.executeScript('return [...window.realHighlights.keys()].join()');
      return JSON.stringify((await hostileState()).painted) === JSON.stringify(expected);
    }, 5000, `recovery after: ${what}`).catch((e) => { throw new Error(`${e.message}; registry: ${seen}`); });
  }
});

test('the card is closed to the page: no shadow root, nothing injected shows', async () => {
  await driver.get(`${server.origin}/pages/hostile.html`);
  await until(hostileState, 8000, 'state');
  const s = await hoverWuxi();
  const probe = await driver.executeScript(() => {
    const cardHost = document.querySelector('[data-bioflag-ui="card"]');
    const out = { shadowRoot: cardHost.shadowRoot, cards: document.querySelectorAll('.bf-card, [role="dialog"]').length };
    try {
      window.original.attachShadow.call(cardHost, { mode: 'open' });
      out.reattached = true;
    } catch (e) {
      out.reattached = false;
    }
    const p = document.createElement('p');
    window.original.appendChild.call(p, document.createTextNode('INJECTED TEXT'));
    window.original.appendChild.call(cardHost, p);
    const r = p.getBoundingClientRect();
    out.injectedRendered = r.width > 0 || r.height > 0;
    return out;
  });
  assert.deepEqual(probe, { shadowRoot: null, cards: 0, reattached: false, injectedRendered: false });
  assert.equal((await hostileState()).card.text, s.card.text);
});

test('a page that fakes a bioflag card cannot trigger pause or "not this entity"', async () => {
  await driver.get(`${server.origin}/pages/fake-card.html`);
  await until(async () => { const x = await state(); return x && x.matches.length === 1; }, 8000, 'state');
  const clean = await settings();
  await driver.findElement(By.id('fake-pause')).click();
  await driver.findElement(By.id('fake-not-this')).click();
  await driver.executeScript('window.attack()');
  const tabId = await fixtureTabId();
  await inExtensionPage('options/options.html', 'return browser.tabs.sendMessage(arguments[0], { type: "next", focus: true }, { frameId: 0 })', tabId);
  await until(async () => (await state()).card, 5000, 'real card open');
  assert.deepEqual(await driver.executeScript('return window.attack()'), { realHost: true, realHostShadow: null });
  // Card actions are sent by the content script only, and it counts them (test builds).
  const s = await idleState(state);
  assert.equal(s.cardActions, 0, 'no card action was sent');
  assert.deepEqual(await settings(), clean);
  assert.deepEqual(s.painted, ['BGI Genomics']);
  assert.ok(s.card);
});

test('the extension made no network request', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
});
