// The <mark> fallback, for browsers without the CSS Custom Highlight API: a test build with
// `forceMarks` paints by wrapping text in <mark data-bioflag-ui="mark"> (Chromium has the API, so
// only the switch makes this path run here).   node --test tests/e2e/chromium-marks.test.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchChromium } from './browsers.mjs';
import { READ_STATE, until, idleState, clearStorage, inChromium } from './harness.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchChromium({ server, flags: { forceMarks: true } });
  page = browser.page;
});

after(async () => {
  await browser?.ctx.close();
  await server?.close();
});

beforeEach(async () => {
  await clearStorage(inChromium(browser.worker));
});

async function state() {
  return page.evaluate(`(() => {${READ_STATE}})()`);
}

async function open(path, matches) {
  await page.goto(server.origin + path);
  return idleState(state, { test: (s) => s.matches.length === matches, what: `${matches} matches on ${path}, idle` });
}

/** The text of each of our marks under `selector`, in document order. */
function marks(selector = 'body') {
  return page.$$eval(`${selector} mark[data-bioflag-ui="mark"]`, (ms) => ms.map((m) => m.textContent));
}

/**
 * The DOM shape under `selector`: elements as [tag, ...children], text nodes as strings, so two
 * adjacent text nodes differ from one merged node (innerHTML would hide that). With `source`,
 * the same for the page as served (parsed from a fresh fetch), to compare with. The card's
 * host element (hidden, appended to <body> once a card opened) is left out.
 */
function shape(selector, source = false) {
  return page.evaluate(async ([sel, fromSource]) => {
    const kept = (c) => c.nodeType === Node.TEXT_NODE || (c.nodeType === Node.ELEMENT_NODE && c.getAttribute('data-bioflag-ui') !== 'card');
    const walk = (n) => (n.nodeType === Node.TEXT_NODE ? n.data : [n.tagName.toLowerCase(), ...[...n.childNodes].filter(kept).map(walk)]);
    const doc = fromSource ? new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html') : document;
    return walk(doc.querySelector(sel));
  }, [selector, source]);
}

async function setPaused(paused) {
  // Through the extension's own settings writer: it takes the storage lock, so it runs after the
  // install-time migration has written the first settings (a fresh profile has none before).
  await browser.worker.evaluate(async (p) => {
    await globalThis.bioflagStorage.updateSettings((settings) => { settings.pausedSites = p ? ['127.0.0.1'] : []; });
  }, paused);
}

test('fallback wraps each match in marks (split names too), paints no Highlight, and the card opens on hover', async () => {
  const s = await open('/pages/split.html', 3);
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['BGI Genomics', 'bgi-genomics'],
    ['BGI Group', 'bgi-group'],
    ['Complete Genomics', 'complete-genomics'],
  ]);
  assert.deepEqual(s.painted, [], 'nothing in CSS.highlights');
  assert.deepEqual(await marks(), ['BGI', ' Genomics', 'BGI', ' ', 'Group', 'Complete ', 'Genomics']);
  // The text the page reads is unchanged.
  assert.equal(await page.textContent('p'), 'The kit is made by BGI Genomics in Shenzhen.');

  const box = await page.locator('b').first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const card = (await until(async () => (await state()).card, 3000, 'card on hover')).entity;
  assert.equal(card, 'bgi-genomics');
  await page.mouse.move(5, 790);
  await until(async () => !(await state()).card, 3000, 'card closed');

  // Pausing unwraps everything: the DOM is again exactly what was served, text nodes included.
  await setPaused(true);
  await until(async () => (await marks()).length === 0, 3000, 'marks removed');
  assert.deepEqual(await shape('body'), await shape('body', true));
});

test('fallback never wraps form fields or editable regions; a region made editable is unwrapped, typing is unaffected', async () => {
  await open('/pages/form.html', 0);
  assert.deepEqual(await marks(), []);
  await page.click('#editor');
  await page.keyboard.type(' WuXi AppTec');
  await page.fill('#supplier', 'MGI Tech');
  await idleState(state);
  assert.deepEqual(await marks(), []);
  assert.match(await page.textContent('#editor'), /WuXi AppTec$/);
  assert.equal(await page.inputValue('#supplier'), 'MGI Tech');

  await open('/pages/marks.html', 4);
  assert.deepEqual(await marks('#later'), ['Complete Genomics']);
  await page.click('#edit'); // the page makes the notes editable and focuses them
  await until(async () => (await marks('#later')).length === 0, 3000, 'marks leave the editable region');
  assert.deepEqual(await shape('#later'), ['div', 'Notes about Complete Genomics.'], 'one text node again');
  await page.keyboard.press('End');
  await page.keyboard.type(' Call them.');
  await idleState(state);
  assert.deepEqual(await shape('#later'), ['div', 'Notes about Complete Genomics. Call them.']);
  assert.deepEqual((await state()).matches.map((m) => m.text), ['MGI Tech', 'BGI Genomics', 'WuXi AppTec']);
});

test('fallback follows text changes: marks are unwrapped and text nodes merged, new matches wrapped, no rescan loop', async () => {
  let s = await open('/pages/marks.html', 4);
  assert.deepEqual(await marks(), ['MGI Tech', 'BGI Genomics', 'WuXi', ' AppTec', 'Complete Genomics']);
  // Our own wrapping must not look like page changes: the scanner is idle after it (a rescan
  // loop would keep a flush queued), and stays so.
  const flushes = s.stats.flushes;
  const again = await state();
  assert.equal(again.idle, true, 'nothing queued after wrapping');
  assert.equal(again.stats.flushes, flushes, 'no flush after wrapping');

  // A page script edits the text inside one of our marks.
  await page.evaluate(() => { document.querySelector('#a mark').firstChild.data = 'Acme Labs'; });
  await until(async () => { const x = await state(); return x && x.matches.length === 3 && x; }, 3000, 'MGI Tech gone');
  assert.deepEqual(await shape('#a'), ['p', 'Supplier: Acme Labs and ', ['mark', 'BGI Genomics'], ' today.']);

  // The page appends a name to a text node that follows a mark.
  await page.evaluate(() => { document.querySelector('#a').lastChild.data = ' today, MGI Tech tomorrow.'; });
  await until(async () => (await state()).matches.length === 4, 3000, 'MGI Tech flagged again');
  assert.deepEqual(await shape('#a'), ['p', 'Supplier: Acme Labs and ', ['mark', 'BGI Genomics'], ' today, ', ['mark', 'MGI Tech'], ' tomorrow.']);

  // The page replaces a paragraph holding marks.
  await page.evaluate(() => { document.querySelector('#b').textContent = 'Reagents from nobody.'; });
  s = await until(async () => { const x = await state(); return x && x.matches.length === 3 && x; }, 3000, 'WuXi AppTec gone');
  assert.deepEqual(s.matches.map((m) => m.text), ['BGI Genomics', 'MGI Tech', 'Complete Genomics']);

  await setPaused(true);
  await until(async () => (await marks()).length === 0, 3000, 'marks removed');
  assert.deepEqual(await shape('#a'), ['p', 'Supplier: Acme Labs and BGI Genomics today, MGI Tech tomorrow.']);
  assert.deepEqual(await shape('#later'), ['div', 'Notes about Complete Genomics.']);
  await setPaused(false);
  await until(async () => (await marks()).length === 3, 3000, 'wrapped again on resume');
});
