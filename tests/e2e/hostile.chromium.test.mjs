// Hostile and heavy pages in Chromium: the extension must stay correct on pages that
// are huge or that attack it. Every page comes from the test server on 127.0.0.1, which is also
// the browser's proxy, so a request leaving 127.0.0.1 would be caught.
//   node --test tests/e2e/hostile.chromium.test.mjs
//
// These tests assert results only. What the same pages cost (the extension's longest task, its
// share of the main thread during 10 s of mutations, the page's timer cadence) is measured by
// the benchmark suite: node bench/hostile.mjs (part of scripts/bench.sh, in BENCHMARKS.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { testExtension, READ_STATE, until, idleState, extensionRequests, readHostileState } from './harness.mjs';

let server;
let ctx;
let page;
let worker;
let crashed = false;
const swRequests = [];

before(async () => {
  server = await startServer();
  ({ ctx, worker } = await launchChromiumWith({ server, dir: testExtension('chromium') }));
  ctx.on('request', (r) => { if (r.serviceWorker()) swRequests.push(r.url()); });
  page = await ctx.newPage();
  page.on('crash', () => { crashed = true; });
});

after(async () => {
  await ctx?.close();
  await server?.close();
});

async function state(frame = page) {
  return frame.evaluate(`(() => {${READ_STATE}})()`);
}

/** The top frame's answer to the popup's status message (limits, ready, mentions). */
async function status() {
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true });
    return chrome.tabs.sendMessage(tab.id, { type: 'status' }, { frameId: 0 });
  });
}

/** The toolbar popup's page for the test tab (test builds accept ?tab=), its note on limits. */
async function popupNote() {
  const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true }))[0].id);
  const popup = await ctx.newPage();
  try {
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup/popup.html?tab=${tabId}`);
    await popup.waitForFunction(() => document.getElementById('status').textContent !== '');
    return await popup.evaluate(() => { const el = document.getElementById('limits'); return el.hidden ? '' : el.textContent; });
  } finally {
    await popup.close();
    await page.bringToFront();
  }
}

/**
 * Loads a heavy fixture, waits until the page is built and the extension's first scan is done
 * and it is idle; returns what it found.
 */
async function openHeavy(path) {
  await page.goto(server.origin + path, { timeout: 120000 });
  await until(() => page.evaluate(() => window.built === true), 120000, `${path} built`);
  await until(async () => { const s = await status().catch(() => null); return s && s.ready; }, 120000, `first scan of ${path}`);
  return idleState(() => state(), { ms: 120000, what: `${path} scanned, idle` });
}

test('10 MB text node: scanned whole, in pieces, names on piece cuts found once', async () => {
  const s = await openHeavy('/pages/heavy.html?kind=text');
  assert.equal(crashed, false);
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['WuXi AppTec', 'wuxi-apptec'],
    ['MGI Tech', 'mgi-tech'], // across the cut at 64 KiB
    ['Complete Genomics', 'complete-genomics'], // after an astral character on the cut at 96 KiB
    ['BGI Genomics', 'bgi-genomics'], // at 1 MiB
    ['WuXi AppTec', 'wuxi-apptec'], // at 9 MiB: no cap for a page of real size
    ['Complete Genomics', 'complete-genomics'], // the closing paragraph
  ]);
  assert.deepEqual(s.painted, s.matches.map((m) => m.text).sort());
  assert.equal(s.stats.capped.text, false);
  assert.deepEqual((await status()).limits, { text: false, mentions: false, frames: null });
  assert.equal(await popupNote(), '');
});

test('10 MB page of 150,000 paragraphs: scanned whole, the name in its last paragraph found', async () => {
  const s = await openHeavy('/pages/heavy.html?kind=page');
  assert.equal(crashed, false);
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['WuXi AppTec', 'wuxi-apptec'],
    ['BGI Genomics', 'bgi-genomics'],
    ['WuXi AppTec', 'wuxi-apptec'],
    ['Complete Genomics', 'complete-genomics'], // the closing paragraph
  ]);
  assert.equal(s.stats.capped.text, false);
  // Found first: the whole text searched, a few blocks walked exactly.
  const length = await page.evaluate(() => document.documentElement.textContent.length);
  assert.ok(length > 9.5e6 && s.stats.findChars >= length, `${length} characters, ${JSON.stringify(s.stats)}`);
  assert.ok(s.stats.exactRoots < 20, JSON.stringify(s.stats));
});

test('the text cap (lowered to 4 Mi characters in a test build) stops a hostile page and the popup notes it', async () => {
  const low = await launchChromiumWith({ server, dir: testExtension('chromium', { passChars: 4 * 1024 * 1024 }) });
  const [savedCtx, savedPage, savedWorker] = [ctx, page, worker];
  ctx = low.ctx;
  worker = low.worker;
  page = await ctx.newPage();
  try {
    const s = await openHeavy('/pages/heavy.html?kind=text');
    assert.deepEqual(s.matches.map((m) => m.text), ['WuXi AppTec', 'MGI Tech', 'Complete Genomics', 'BGI Genomics']);
    assert.equal(s.stats.capped.text, true);
    assert.deepEqual((await status()).limits, { text: 4, mentions: false, frames: null });
    assert.match(await popupNote(), /only the first 4 million characters of its text were checked/);
  } finally {
    await ctx.close();
    [ctx, page, worker] = [savedCtx, savedPage, savedWorker];
  }
});

test('200,000 text nodes (one paragraph of 100,000 spans among them): names split over spans found, work sliced', async () => {
  const s = await openHeavy('/pages/heavy.html?kind=nodes');
  assert.equal(crashed, false);
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['WuXi AppTec', 'wuxi-apptec'],
    ['MGI Tech', 'mgi-tech'],
    ['BGI Genomics', 'bgi-genomics'],
    ['Complete Genomics', 'complete-genomics'],
  ]);
  assert.equal(s.stats.capped.text, false);
  assert.equal(await popupNote(), '');
});

test('5,000-deep nesting: the name at the bottom is found, work sliced', async () => {
  const s = await openHeavy('/pages/heavy.html?kind=deep');
  assert.equal(crashed, false);
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['WuXi AppTec', 'wuxi-apptec'],
    ['MGI Tech', 'mgi-tech'],
    ['Complete Genomics', 'complete-genomics'],
  ]);
});

test('6,000 mentions: the first 5,000 are kept and painted, the popup notes the cap', async () => {
  const s = await openHeavy('/pages/heavy.html?kind=mentions');
  assert.equal(crashed, false);
  assert.equal(s.matches.length, 5000);
  assert.equal(s.painted.length, 5000);
  assert.equal(s.stats.capped.mentions, true);
  assert.match(await popupNote(), /only the first 5,000 mentions are shown/);
});

test('1,000 iframes: the first 50 frames are scanned, the rest are not, popup notes the cap', async () => {
  await openHeavy('/pages/heavy.html?kind=frames');
  assert.equal(crashed, false);
  const frames = page.mainFrame().childFrames();
  assert.equal(frames.length, 1000);
  const first = await until(() => state(frames[0]), 10000, 'first frame scanned');
  assert.deepEqual(first.matches.map((m) => [m.text, m.id]), [['MGI Tech', 'mgi-tech']]);
  assert.equal((await until(() => state(frames[49]), 30000, 'frame 50 state')).skipped, undefined, 'frame 50 is scanned');
  // Frames past the cap say so (test builds) as soon as their content script has looked.
  assert.equal((await until(() => state(frames[50]), 30000, 'frame 51 state')).skipped, 'frame limit', 'frame 51 is not');
  const last = await until(() => state(frames[999]), 60000, 'last frame state');
  assert.equal(last.skipped, 'frame limit', 'the last frame (it names MGI Tech) is not');
  assert.deepEqual(last.matches, []);
  assert.deepEqual((await status()).limits.frames, { total: 1000, scanned: 50 });
  assert.match(await popupNote(), /only 50 of its 1000 frames were checked/);
});

test('a page that mutates for 10 s: its changes are flushed together, highlights right afterwards', async () => {
  await page.goto(`${server.origin}/pages/mutate.html`);
  await until(async () => { const x = await status().catch(() => null); return x && x.ready; }, 10000, 'first scan');
  const before = await state();
  const { changes } = await page.evaluate((ms) => window.run(ms), 10000);
  assert.ok(changes > 0, 'the page mutated');
  // Changes are flushed together (a flush waits at least 60 ms, the page changes every 4 ms), on
  // any machine. Whether the delay also backed off depends on how many flushes this machine
  // managed in a window: tests/js/scheduler.test.mjs tests that rule with a clock of its own.
  const during = await state();
  const flushes = during.stats.flushes - before.stats.flushes;
  assert.ok(flushes > 0 && flushes < changes, `${changes} changes in ${flushes} flushes (delay ${during.stats.delay} ms)`);
  // Afterwards (the last flush may wait out the backed-off delay, up to 8 s): exactly the final text.
  const expectedMatches = [
    ['Complete Genomics', 'complete-genomics'],
    ['MGI Tech', 'mgi-tech'],
    ['BGI Genomics', 'bgi-genomics'],
    ['WuXi AppTec', 'wuxi-apptec'],
  ];
  const s = await idleState(() => state(), {
    ms: 30000,
    what: 'final highlights',
    test: (x) => JSON.stringify(x.matches.map((m) => [m.text, m.id])) === JSON.stringify(expectedMatches),
  });
  assert.deepEqual(s.painted, expectedMatches.map(([t]) => t).sort());
});

/**
 * The hostile page overrides what a test would use, so this reader goes through the originals
 * the page kept first: the extension's published state and the texts in the real registry.
 */
async function hostileState() {
  return page.evaluate(readHostileState);
}

test('a page that overrides Node, Range, CSS.highlights, MutationObserver, timers in its world: the extension is unaffected', async () => {
  await page.goto(`${server.origin}/pages/hostile.html`);
  let s = await until(hostileState, 10000, 'state on the hostile page');
  const expected = [['BGI Genomics', 'bgi-genomics'], ['WuXi AppTec', 'wuxi-apptec'], ['MGI Tech', 'mgi-tech']];
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), expected);
  assert.equal(s.engine, 'local');
  assert.deepEqual(s.painted, expected.map(([t]) => t).sort());
  // New text still reaches our own MutationObserver.
  await page.evaluate(() => window.addLater());
  s = await until(async () => { const x = await hostileState(); return x && x.matches.length === 4 && x; }, 5000, 'later text flagged');
  assert.deepEqual(s.matches[3], { ...s.matches[3], text: 'Complete Genomics', id: 'complete-genomics' });
  // Read before the mouse is used: Playwright's own helpers then add listeners in the page world.
  const seen = await page.evaluate(() => ({ ...window.attacks }));
  assert.deepEqual(seen, { attachShadow: 0, observers: 0, walkers: 0, listeners: [] }, 'none of the page\'s overrides was called by the extension');
  // The card opens on hover (our hit-testing uses our own Range and caret functions).
  const box = await page.locator('#one b').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  s = await until(async () => { const x = await hostileState(); return x.card && x; }, 5000, 'card on hover');
  assert.equal(s.card.entity, 'wuxi-apptec');
  assert.equal(await page.evaluate(() => window.attacks.attachShadow), 0, 'the card\'s closed root was not made through the page\'s attachShadow');
});

test('a page that deletes or rewrites our highlights in the shared registry: they are put back', async () => {
  await page.goto(`${server.origin}/pages/hostile.html`);
  const expected = ['BGI Genomics', 'MGI Tech', 'WuXi AppTec'];
  await until(async () => { const x = await hostileState(); return x && x.painted.length === 3; }, 10000, 'painted');
  const attacks = {
    'registry cleared': () => window.realHighlights.clear(),
    'our Highlight emptied': () => { for (const [name, h] of window.realHighlights) if (name.startsWith('bioflag-')) h.clear(); },
    'our ranges moved onto other text': () => {
      const cables = document.getElementById('two').childNodes[0];
      for (const [name, h] of window.realHighlights) {
        if (!name.startsWith('bioflag-')) continue;
        for (const r of h) {
          window.original.setStart.call(r, cables, 40);
          window.original.setEnd.call(r, cables, 53); // "a local shop."
        }
      }
    },
    'our names taken by the page\'s own highlights': () => {
      const r = new Range();
      const text = document.getElementById('two').childNodes[0];
      window.original.setStart.call(r, text, 40);
      window.original.setEnd.call(r, text, 53);
      for (const name of [...window.realHighlights.keys()]) if (name.startsWith('bioflag-')) window.realHighlights.set(name, new window.original.Highlight(r));
    },
  };
  for (const [what, attack] of Object.entries(attacks)) {
    await page.evaluate(attack);
    await until(async () => JSON.stringify((await hostileState()).painted) === JSON.stringify(expected), 5000, `recovery after: ${what}`);
  }
});

test('the card is closed to the page: no shadow root to read, nothing injected shows, inner nodes never exposed', async () => {
  await page.goto(`${server.origin}/pages/hostile.html`);
  await until(hostileState, 10000, 'state');
  const box = await page.locator('#one b').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const s = await until(async () => { const x = await hostileState(); return x.card && x; }, 5000, 'card on hover');
  const before = s.card.text;
  const probe = await page.evaluate(({ x, y }) => {
    const host = document.querySelector('[data-bioflag-ui="card"]');
    const out = { host: !!host, shadowRoot: host.shadowRoot, cards: document.querySelectorAll('.bf-card, [role="dialog"]').length };
    try {
      window.original.attachShadow.call(host, { mode: 'open' });
      out.reattached = true;
    } catch (e) {
      out.reattached = false;
    }
    const hit = document.elementFromPoint(x, y);
    out.hitIsHost = hit === host;
    // Injection: light-DOM children of a host with a closed root and no slot are not rendered.
    const img = document.createElement('img');
    img.alt = 'INJECTED';
    img.width = 50;
    img.height = 50;
    const p = document.createElement('p');
    window.original.appendChild.call(p, document.createTextNode('INJECTED TEXT'));
    window.original.appendChild.call(host, img);
    window.original.appendChild.call(host, p);
    const r = p.getBoundingClientRect();
    const i = img.getBoundingClientRect();
    out.injectedRendered = r.width > 0 || r.height > 0 || i.width > 0 || i.height > 0;
    return out;
  }, { x: s.card.box.x + s.card.box.width / 2, y: s.card.box.y + 20 });
  assert.deepEqual(probe, { host: true, shadowRoot: null, cards: 0, reattached: false, hitIsHost: true, injectedRendered: false });
  const after = await hostileState();
  assert.equal(after.card.text, before, 'the card shows what it showed');
  assert.doesNotMatch(after.card.text, /INJECTED/);
});

/** Settings as the extension sees them (through its storage module, whatever the layout). */
async function settings() {
  return worker.evaluate(() => globalThis.bioflagStorage.loadSettings());
}

test('a page that fakes a bioflag card cannot trigger pause or "not this entity"; the real buttons still work', async () => {
  await page.goto(`${server.origin}/pages/fake-card.html`);
  let s = await until(async () => { const x = await state(); return x && x.matches.length && x; }, 10000, 'state');
  // The look-alike is marked as our UI, so its text is skipped; the page's mention is found.
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [['BGI Genomics', 'bgi-genomics']]);
  const clean = await settings();
  // The user clicks the fake buttons (real, trusted clicks), then the page does all it can.
  await page.click('#fake-pause');
  await page.click('#fake-not-this');
  await page.evaluate(() => window.attack());
  // With the real card open and focused (as after "next mention"), the page attacks again.
  await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true });
    await chrome.tabs.sendMessage(tab.id, { type: 'next', focus: true }, { frameId: 0 });
  });
  s = await until(async () => { const x = await state(); return x.card && x; }, 5000, 'real card');
  const attack = await page.evaluate(() => window.attack());
  assert.deepEqual(attack, { realHost: true, realHostShadow: null });
  s = await idleState(() => state());
  assert.equal(s.cardActions, 0, 'no card action was sent');
  assert.deepEqual(s.painted, ['BGI Genomics'], 'still highlighting');
  assert.ok(s.card, 'the real card is still open');
  // Control: a real click on the real card's "Pause on this site" does pause. The button is at
  // the foot of a card that scrolls: wheel it into view first.
  await page.mouse.move(s.card.box.x + s.card.box.width / 2, s.card.box.y + s.card.box.height / 2);
  await page.mouse.wheel(0, 5000);
  const pause = await until(async () => {
    const c = (await state()).card.controls.find((x) => x.label === 'Pause on this site');
    return c.y < s.card.box.y + s.card.box.height && c;
  }, 3000, 'pause button in view');
  await page.mouse.click(pause.x, pause.y);
  await until(async () => (await settings()).pausedSites.includes('127.0.0.1'), 5000, 'paused by the real button');
  // Besides the count above: an exception from a fake "not this entity" would show here.
  assert.deepEqual(await settings(), { ...clean, pausedSites: ['127.0.0.1'] }, 'only the real button changed the settings');
  await until(async () => (await state()).painted.length === 0, 5000, 'highlights gone');
  await worker.evaluate(() => globalThis.bioflagStorage.updateSettings((st) => { st.pausedSites = []; }));
  await until(async () => (await state()).painted.length === 1, 5000, 'resumed');
});

test('the extension made no network request', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
  assert.deepEqual(swRequests.filter((u) => !u.startsWith('chrome-extension://')), []);
});
