// End-to-end tests in Chromium (Playwright, the unpacked extension loaded in a persistent
// context). Pages come from the test's own server on 127.0.0.1, which is also the browser's
// proxy, so any request leaving 127.0.0.1 is caught.   node --test tests/e2e/chromium.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { testExtension, EXPECTED, READ_STATE, ids, until, idleState, screenshots, extensionRequests } from './harness.mjs';

let server;
let ctx;
let page;
let worker;
const swRequests = [];

before(async () => {
  server = await startServer();
  ({ ctx, worker } = await launchChromiumWith({ server, dir: testExtension('chromium') }));
  ctx.on('request', (r) => { if (r.serviceWorker()) swRequests.push(r.url()); });
  page = await ctx.newPage();
});

after(async () => {
  await ctx?.close();
  await server?.close();
});

async function state(frame = page) {
  return frame.evaluate(`(() => {${READ_STATE}})()`);
}

/** Opens a fixture and waits until the extension has scanned it and is idle. */
async function open(path) {
  await page.goto(server.origin + path);
  return idleState(() => state(), { what: `an idle bioflag state on ${path}` });
}

for (const [path, expected] of Object.entries(EXPECTED)) {
  test(`flags exactly ${expected.join(', ') || 'nothing'} on ${path}`, async () => {
    const s = await open(path);
    assert.deepEqual(ids(s), [...expected].sort());
    // What the page's highlight registry paints is exactly what the extension reports.
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
  assert.equal(s.engine, 'local');
});

test('strict CSP page (script-src self) is scanned through the background engine', async () => {
  const s = await open('/pages/csp-strict.html');
  assert.equal(s.engine, 'remote');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [['MGI Tech Co., Ltd.', 'mgi-tech'], ['WuXi AppTec', 'wuxi-apptec']]);
  assert.equal(await page.evaluate(() => document.body.dataset.scriptRan), 'yes');
});

test('infinite scroll: added posts are scanned', async () => {
  let s = await open('/pages/infinite.html');
  assert.deepEqual(s.matches, []);
  await page.evaluate(() => { window.addPost(); window.addPost(); window.addPost(); });
  s = await until(async () => { const x = await state(); return x && x.matches.length === 2 && x; }, 5000, 'new posts flagged');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [['Complete Genomics', 'complete-genomics'], ['WuXi AppTec', 'wuxi-apptec']]);
});

test('SPA route change drops old matches and scans the new view', async () => {
  let s = await open('/pages/spa.html');
  assert.deepEqual(ids(s), ['bgi-genomics']);
  await page.click('#to-b');
  s = await until(async () => { const x = await state(); return ids(x).join() === 'mgi-tech' && x; }, 5000, 'route b flagged');
  assert.deepEqual(s.painted, ['MGI Tech']);
});

/** The published state once the scanner is idle and the popup's status says ready. */
async function settled() {
  await until(async () => (await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true });
    return chrome.tabs.sendMessage(tab.id, { type: 'status' }, { frameId: 0 });
  })).ready, 10000, 'status ready');
  return idleState(() => state(), { ms: 10000, what: 'the scanner settled' });
}

async function badge() {
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true });
    return chrome.action.getBadgeText({ tabId: tab.id });
  });
}

test('incremental updates (added, removed, moved, edited text) end where a full rescan of the same DOM does', async () => {
  await open('/pages/mentions.html');
  // Round 1: new blocks, text added to a scanned block, a block and a text node removed.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'added';
    p.innerHTML = 'Appended: WuXi AppTec and <b>Complete</b> Genomics.';
    document.body.append(p);
    document.getElementById('m2').append(' Also MGI Tech.');
    document.getElementById('m3').remove();
    document.getElementById('first-link').firstChild.remove();
  });
  await until(async () => (await state()).matches.some((m) => m.id === 'wuxi-apptec'), 5000, 'round 1 flagged');
  await settled();
  // Round 2: a flagged block moved, a flagged text node edited, a block added in round 1 removed.
  await page.evaluate(() => {
    document.body.insertBefore(document.getElementById('m4'), document.getElementById('m1'));
    const m2 = document.getElementById('m2').firstChild;
    m2.data = m2.data.replace('BGI Genomics', 'BGI Group');
    document.getElementById('added').querySelector('b').remove();
  });
  await until(async () => { const x = await state(); return x && x.matches.some((m) => m.id === 'bgi-group') && x; }, 5000, 'round 2 flagged');
  const incremental = await settled();
  assert.deepEqual(incremental.matches.map((m) => [m.text, m.id]), [
    ['Institute of Forensic Science of China\'s Ministry of Public Security', 'mps-ifs'], // #m4, moved first
    ['DNBSEQ-G400', 'mgi-tech'], // #m1, its link's "MGI Tech" removed
    ['BGI Group', 'bgi-group'], // #m2, edited
    ['MGI Tech', 'mgi-tech'], // #m2, added
    ['WuXi AppTec', 'wuxi-apptec'], // #added; its "<b>Complete</b> Genomics" lost the <b>
  ]);
  assert.deepEqual(incremental.painted, incremental.matches.map((m) => m.text).sort());
  // A hash change restarts the scan from nothing: the same matches, the same painted ranges.
  await page.evaluate(() => { location.hash = 'rescan'; });
  await until(async () => (await state()).stats.flushes > incremental.stats.flushes, 5000, 'full rescan');
  const full = await settled();
  assert.deepEqual(incremental.matches, full.matches);
  assert.deepEqual(incremental.painted, full.painted);
  // The badge (entities counted as records are shown and hidden) agrees.
  const entities = String(new Set(full.matches.map((m) => m.id)).size);
  await until(async () => (await badge()) === entities, 3000, `badge ${entities}`);
});

test('same-origin iframe is scanned in its own frame', async () => {
  const outer = await open('/pages/iframe.html');
  assert.deepEqual(outer.matches, []);
  const frame = page.frames().find((f) => f.url().endsWith('/iframe-inner.html'));
  const inner = await until(() => state(frame), 5000, 'frame state');
  assert.deepEqual(inner.matches.map((m) => [m.text, m.id]), [['WuXi AppTec', 'wuxi-apptec']]);
});

test('open shadow root text is found and painted', async () => {
  const s = await open('/pages/shadow.html');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [['Complete Genomics, Inc.', 'complete-genomics']]);
  assert.deepEqual(s.painted, ['Complete Genomics, Inc.']);
});

test('hidden text is not flagged: hidden spans in a visible paragraph, unslotted shadow-host children', async () => {
  const s = await open('/pages/hidden.html');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['MGI Tech', 'mgi-tech'],
    ['Complete Genomics', 'complete-genomics'], // visibility:visible inside a visibility:hidden block
    ['BGI Research', 'bgi-research'], // the light-DOM child assigned to a slot
  ]);
  assert.deepEqual(s.painted, ['BGI Research', 'Complete Genomics', 'MGI Tech']);
});

test('hidden text that the page shows later (class, hidden attribute, <details> opened) is flagged then', async () => {
  await open('/pages/hidden.html');
  await page.evaluate(() => {
    document.getElementById('more').className = '';
    document.getElementById('flag').hidden = false;
    document.getElementById('suppliers').open = true;
  });
  const s = await until(async () => { const x = await state(); return x && x.matches.length === 6 && x; }, 5000, 'shown text flagged');
  assert.deepEqual(s.matches.map((m) => m.text), ['MGI Tech', 'Complete Genomics', 'WuXi AppTec', 'Innomics', 'GBI Diagnostics', 'BGI Research']);
});

test('form fields and contenteditable are never highlighted, typing is unaffected', async () => {
  const s = await open('/pages/form.html');
  assert.deepEqual(s.matches, []);
  await page.fill('#supplier', '');
  await page.type('#supplier', 'MGI Tech and BGI Genomics');
  await page.click('#editor');
  await page.keyboard.type(' WuXi AppTec');
  // Idle: the typing's mutations have been looked at (and the editable region left alone).
  const s2 = await idleState(() => state());
  assert.equal(await page.inputValue('#supplier'), 'MGI Tech and BGI Genomics');
  assert.match(await page.textContent('#editor'), /quote attached\. WuXi AppTec$/);
  assert.deepEqual(s2.matches, []);
});

test('a page that mutates forever: backed-off flushes, static text still flagged', async () => {
  // How long its slices and tasks are is measured by the benchmark suite (bench/hostile.mjs).
  await page.goto(`${server.origin}/pages/busy.html`);
  const s = await until(async () => {
    const x = await state();
    return x && ids(x).join() === 'wuxi-apptec' && x.stats.delay > 60 && x;
  }, 30000, 'the static mention flagged and the flush delay backed off');
  assert.deepEqual(s.matches.map((m) => m.text), ['WuXi AppTec']);
});

test('card opens on hover with the sourced content', async () => {
  await open('/pages/split.html');
  const box = await page.locator('b').first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const s = await until(async () => { const x = await state(); return x.card && x; }, 3000, 'card on hover');
  assert.equal(s.card.entity, 'bgi-genomics');
  for (const text of ['BGI Genomics Co., Ltd.', '深圳华大基因股份有限公司', 'Section 1260H list', 'also called the Department of War', 'denies', 'Matched “BGI Genomics”', 'Not this entity here', 'Pause on this site']) {
    assert.ok(s.card.text.includes(text), `card shows ${text}`);
  }
  await page.screenshot({ path: join(screenshots, 'chromium-card-hover.png') });
  // Moving away (not onto the card) closes it.
  await page.mouse.move(5, 790);
  await until(async () => !(await state()).card, 3000, 'card closed after leaving');
});

test('card opens on keyboard focus and closes with Escape', async () => {
  await open('/pages/split.html');
  await page.click('h1');
  await page.keyboard.press('Tab'); // the only focusable element: the vendor link
  const s = await until(async () => { const x = await state(); return x.card && x; }, 3000, 'card on focus');
  assert.equal(s.card.entity, 'complete-genomics');
  await page.keyboard.press('Escape');
  await until(async () => !(await state()).card, 3000, 'card closed by Escape');
});

test('badge counts entities; popup messages list mentions and jump to the next one', async () => {
  await open('/examples/press-release.html');
  const result = await worker.evaluate(async () => {
    // No "tabs" permission, so no tab URLs: the test page is the active tab.
    const [tab] = await chrome.tabs.query({ active: true });
    const badge = await chrome.action.getBadgeText({ tabId: tab.id });
    const status = await chrome.tabs.sendMessage(tab.id, { type: 'status' }, { frameId: 0 });
    const next = await chrome.tabs.sendMessage(tab.id, { type: 'next', entity: 'mgi-tech', focus: true }, { frameId: 0 });
    return { badge, status, next };
  });
  assert.equal(result.badge, '2');
  assert.equal(result.status.site, '127.0.0.1');
  assert.equal(result.status.info.version.length > 0, true);
  assert.deepEqual([...new Set(result.status.mentions.map((m) => m.id))].sort(), ['complete-genomics', 'mgi-tech']);
  assert.ok(result.next.ok);
  const s = await until(async () => { const x = await state(); return x.card && x; }, 3000, 'card from next');
  assert.equal(s.card.entity, 'mgi-tech');
  await page.screenshot({ path: join(screenshots, 'chromium-card-next.png') });
});

test('pause on this site clears highlights; resume restores them', async () => {
  await open('/pages/split.html');
  await worker.evaluate(async () => {
    await globalThis.bioflagStorage.updateSettings((settings) => { settings.pausedSites = ['127.0.0.1']; });
  });
  await until(async () => (await state()).painted.length === 0, 3000, 'paused');
  await worker.evaluate(async () => {
    await globalThis.bioflagStorage.updateSettings((settings) => { settings.pausedSites = []; });
  });
  await until(async () => (await state()).painted.length === 3, 3000, 'resumed');
});

test('options: a broken list shows line and field errors and changes nothing; a valid one is used', async () => {
  const id = new URL(worker.url()).host;
  const options = await ctx.newPage();
  await options.goto(`chrome-extension://${id}/options/options.html`);
  const bad = '{"schema": 1, "name": "x",\n "entities": [\n  {"id": "a", "name": "Acme", "aliases": [{"text": "A"}]}\n ]}';
  await options.setInputFiles('#file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await options.waitForSelector('#import-result .error li');
  assert.match(await options.textContent('#import-result'), /line 3, column \d+, field entities\[0\]\.aliases\[0\]\.text/);
  assert.equal(await options.locator('#lists li').count(), 0);
  const good = '{"schema":1,"name":"Mine","entities":[{"id":"acme","name":"Acme Widgets Ltd"}]}';
  await options.setInputFiles('#file', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await options.waitForSelector('#lists li');
  assert.match(await options.textContent('#lists'), /mine\.json/);
  await options.close();
  const s = await open('/pages/imported.html');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [['Acme Widgets Ltd', 'acme']]);
});

test('the extension made no network request', async () => {
  // Everything not for 127.0.0.1 went through the test proxy; none of it is the extension's.
  assert.ok(server.external.length > 0, 'the proxy sees off-host traffic (the check is live)');
  assert.deepEqual(extensionRequests(server.external), []);
  // The service worker fetched only packaged files.
  assert.deepEqual(swRequests.filter((u) => !u.startsWith('chrome-extension://')), []);
});
