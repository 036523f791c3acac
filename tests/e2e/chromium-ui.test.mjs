// End-to-end tests of the extension's own UI in Chromium: the real toolbar popup (over the raw
// DevTools protocol, see cdp.mjs), the "next mention" shortcut, the card's buttons and keyboard
// reach, and the options page (tiers, exceptions, paused sites, list import from files and from
// an https URL, export, remove).   node --test tests/e2e/chromium-ui.test.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { startHttpsServer } from './https-server.mjs';
import { launchChromium } from './browsers.mjs';
import { openActionPopup } from './cdp.mjs';
import { READ_STATE, until, idleState, screenshots, repoPath, extensionRequests, clearStorage, inChromium } from './harness.mjs';

const catalog = JSON.parse(readFileSync(repoPath('data/catalog.json'), 'utf8'));
const axeSource = readFileSync(repoPath('node_modules/axe-core/axe.min.js'), 'utf8');
const IMPORT_TIMEOUT_MS = 2000;

let server;
let lists;
let browser;
let page;

before(async () => {
  server = await startServer();
  lists = await startHttpsServer();
  browser = await launchChromium({ server, flags: { importTimeoutMs: IMPORT_TIMEOUT_MS } });
  page = browser.page;
});

after(async () => {
  await browser?.ctx.close();
  await lists?.close();
  await server?.close();
});

// Every test starts from a fresh install's settings and no imported lists (and the background's
// migration of the cleared storage done before the test opens a page: see clearStorage).
beforeEach(async () => {
  await clearStorage(inChromium(browser.worker));
});

async function state(p = page) {
  return p.evaluate(`(() => {${READ_STATE}})()`);
}

/** Opens a fixture in the test tab, brings it to the front and waits for a settled scan. */
async function open(path, matches) {
  await page.goto(server.origin + path);
  await page.bringToFront();
  return idleState(() => state(), { test: (s) => s.matches.length === matches, what: `${matches} matches on ${path}, idle` });
}

async function badge() {
  return browser.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    return chrome.action.getBadgeText({ tabId: tab.id });
  });
}

/** Viewport box of the `nth` occurrence of `text` inside `selector`'s element. */
async function textBox(selector, text, nth = 0) {
  return page.evaluate(([sel, t, n]) => {
    const el = document.querySelector(sel);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(t);
      if (at >= 0 && seen++ === n) {
        const r = document.createRange();
        r.setStart(node, at);
        r.setEnd(node, at + t.length);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2, top: b.top, bottom: b.bottom };
      }
    }
    return null;
  }, [selector, text, nth]);
}

/** True when the element is inside the viewport. */
async function inView(selector) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }, selector);
}

/** Hovers `text` in `selector` and waits for its card. */
async function hoverCard(selector, text) {
  const box = await textBox(selector, text);
  await page.mouse.move(box.x, box.y);
  return (await until(async () => { const s = await state(); return s.card && s; }, 4000, `card on hover over ${text}`)).card;
}

/**
 * A real click on the card control labelled `label` (the card lives in a closed shadow root):
 * the pointer moves onto the card, the wheel scrolls the card until the control shows, click.
 */
async function clickCardControl(label) {
  let { card } = await state();
  await page.mouse.move(card.box.x + card.box.width / 2, card.box.y + 30, { steps: 5 });
  for (let i = 0; i < 20; i++) {
    ({ card } = await state());
    const control = card.controls.find((c) => c.label === label);
    assert.ok(control, `card has a "${label}" control: ${JSON.stringify(card.controls.map((c) => c.label))}`);
    if (control.y > card.box.y + 8 && control.y < card.box.y + card.box.height - 8) {
      await page.mouse.move(control.x, control.y, { steps: 3 });
      await page.mouse.click(control.x, control.y);
      return;
    }
    await page.mouse.wheel(0, control.y > card.box.y ? 150 : -150);
    // The wheel's scroll lands asynchronously: wait for the control to move.
    await until(async () => (await state()).card.controls.find((c) => c.label === label).y !== control.y, 5000, `the card scrolled towards "${label}"`);
  }
  assert.fail(`could not scroll the card to "${label}"`);
}

async function optionsPage() {
  const options = await browser.ctx.newPage();
  await options.goto(`chrome-extension://${browser.id}/options/options.html`);
  await options.waitForSelector('#catalog:not(:empty)');
  return options;
}

async function popup() {
  const p = await openActionPopup(browser.worker, browser.devtools);
  await until(() => p.evaluate(() => document.getElementById('status').textContent), 5000, 'popup status');
  return p;
}

/** What the popup shows, read from its DOM. */
function readPopup(p) {
  return p.evaluate(() => ({
    site: document.getElementById('site').textContent,
    status: document.getElementById('status').textContent,
    pause: document.getElementById('pause').textContent,
    entities: [...document.querySelectorAll('#entities button')].map((b) => ({
      id: b.dataset.entity, name: b.querySelector('.name').textContent, count: b.querySelector('.count').textContent, label: b.getAttribute('aria-label'),
    })),
    mentions: [...document.querySelectorAll('#mentions-section:not([hidden]) #mentions li')].map((li) => li.querySelector('strong').textContent),
    contexts: [...document.querySelectorAll('#mentions li .context')].map((c) => c.textContent),
    catalog: document.getElementById('catalog').textContent,
  }));
}

const IFS = "Institute of Forensic Science of China's Ministry of Public Security";
const MENTIONS = ['MGI Tech', 'DNBSEQ-G400', 'BGI Genomics', 'DNBSEQ-G400', 'MGI Tech', IFS];

test('popup: entities with counts, the list of every mention, catalog version and date, badge; no axe violations', async () => {
  await open('/pages/mentions.html', 6);
  const p = await popup();
  try {
    const shown = await readPopup(p);
    assert.equal(shown.site, '127.0.0.1');
    assert.equal(shown.status, '3 flagged entities, 6 mentions.');
    assert.deepEqual(shown.entities.map((e) => [e.id, e.name, e.count]), [
      ['mgi-tech', 'MGI Tech Co., Ltd.', '4'],
      ['bgi-genomics', 'BGI Genomics Co., Ltd.', '1'],
      ['mps-ifs', IFS, '1'],
    ]);
    assert.equal(shown.entities[0].label, 'MGI Tech Co., Ltd. 4 mentions, show the next one');
    assert.deepEqual(shown.mentions, MENTIONS);
    assert.equal(shown.contexts[2], 'Second: BGI Genomics ran the panel.');
    assert.equal(shown.catalog, `Catalog ${catalog.version}, updated ${catalog.updated} · ${catalog.entities.length} entities`);
    assert.equal(shown.pause, 'Pause on 127.0.0.1');
    assert.equal(await badge(), '3');
    await p.evaluate(axeSource);
    const violations = await p.evaluate(async () => (await globalThis.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.help}`));
    assert.deepEqual(violations, []);
    writeFileSync(join(screenshots, 'chromium-popup.png'), await p.screenshot());
  } finally {
    await p.close();
  }
});

test('popup: on a page bioflag does not run on, it says so and offers no pause', async () => {
  await page.goto('about:blank');
  await page.bringToFront();
  const p = await popup();
  try {
    assert.equal(await p.evaluate(() => document.getElementById('status').textContent), 'bioflag does not run on this page.');
    assert.equal(await p.evaluate(() => document.getElementById('pause').hidden), true);
    assert.equal(await p.evaluate(() => document.getElementById('entities-section').hidden), true);
  } finally {
    await p.close();
  }
});

test('popup: clicking an entity scrolls to its next mention and opens its card with focus in it', async () => {
  await open('/pages/mentions.html', 6);
  assert.equal(await page.evaluate(() => scrollY), 0);
  let p = await popup();
  await p.click('button[data-entity="bgi-genomics"]');
  await p.closed; // the popup closes itself, as a toolbar popup does
  let s = await until(async () => { const x = await state(); return x.card && x; }, 4000, 'card after popup click');
  assert.equal(s.card.entity, 'bgi-genomics');
  assert.equal(s.card.focus, 'card');
  assert.ok(await page.evaluate(() => scrollY) > 1000, 'scrolled down to the second section');
  assert.ok(await inView('#m2'), 'the mention is in view');
  await page.screenshot({ path: join(screenshots, 'chromium-popup-next.png') });

  // Next MGI Tech mention after the one shown: the third section's DNBSEQ-G400.
  p = await popup();
  await p.click('button[data-entity="mgi-tech"]');
  await p.closed;
  s = await until(async () => { const x = await state(); return x.card && x.card.entity === 'mgi-tech' && x; }, 4000, 'MGI card');
  assert.ok(s.card.text.includes('Matched “DNBSEQ-G400”'), s.card.text);
  assert.ok(await inView('#m3'), 'the third section is in view');
});

test('shortcut Alt+Shift+M is registered; its listener walks the mentions in order', async () => {
  const commands = await browser.worker.evaluate(() => chrome.commands.getAll());
  assert.equal(commands.find((c) => c.name === 'next-mention').shortcut, 'Alt+Shift+M');
  await open('/pages/mentions.html', 6);
  const seen = [];
  for (let i = 0; i < 3; i++) {
    // Headless Chromium does not route key presses to extension commands (checked: neither
    // Playwright's keyboard nor raw DevTools input reach them), so the test calls the listener.
    assert.equal(await browser.worker.evaluate(() => globalThis.bioflagOnCommand('next-mention')), true);
    const s = await until(async () => { const x = await state(); return x.card && !seen.includes(x.card.text) && x; }, 4000, `card ${i + 1}`);
    seen.push(s.card.text);
    assert.equal(s.card.focus, 'card');
  }
  assert.deepEqual(seen.map((t) => /Matched “([^”]+)”/.exec(t)[1]), ['MGI Tech', 'DNBSEQ-G400', 'BGI Genomics']);
  assert.ok(await inView('#m2'), 'scrolled to the third mention');
  // The pointer wandering elsewhere does not close a card the keyboard opened.
  await page.mouse.move(5, 5);
  await page.mouse.move(1000, 700, { steps: 5 });
  // Idle: the moves' frames ran and no hover or leave timer is left that could still close it.
  assert.equal((await idleState(() => state())).card?.focus, 'card');
  assert.equal(await browser.worker.evaluate(() => globalThis.bioflagOnCommand('something-else')), false);
});

test('popup: pause and resume for the site', async () => {
  await open('/pages/mentions.html', 6);
  const p = await popup();
  try {
    await p.click('#pause');
    await until(async () => (await readPopup(p)).pause === 'Resume on 127.0.0.1', 4000, 'popup shows paused');
    const paused = await readPopup(p);
    assert.equal(paused.status, 'Paused on this site.');
    assert.deepEqual(paused.entities, []);
    assert.deepEqual(paused.mentions, []);
    // The popup shows what storage says; the tab stops on its own storage event, maybe later.
    const stopped = await idleState(() => state(), { test: (x) => x.engine === null, what: 'the tab stopped' });
    assert.deepEqual(stopped.painted, []);
    assert.deepEqual(stopped.matches, []);
    assert.equal(await badge(), '');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'pause', 'focus stays on the button');

    await p.click('#pause');
    await until(async () => (await readPopup(p)).pause === 'Pause on 127.0.0.1', 4000, 'popup shows resumed');
    assert.equal((await readPopup(p)).status, '3 flagged entities, 6 mentions.');
    const resumed = await idleState(() => state(), { test: (x) => x.engine !== null, what: 'the tab scanning again' });
    assert.equal(resumed.painted.length, 6);
  } finally {
    await p.close();
  }
});

test('card: "Not this entity here" hides that name on this site only, persists, shows in an open options tab and is undone there', async () => {
  const options = await optionsPage(); // opened first: it must show the new exception by itself
  await open('/pages/mentions.html', 6);
  const card = await hoverCard('#m1', 'DNBSEQ-G400');
  assert.equal(card.entity, 'mgi-tech');
  await clickCardControl('Not this entity here');
  let s = await until(async () => { const x = await state(); return x.painted.length === 4 && x; }, 4000, 'DNBSEQ-G400 unpainted');
  assert.equal(s.card, null, 'the card closes');
  assert.deepEqual(s.painted, [IFS, 'BGI Genomics', 'MGI Tech', 'MGI Tech'].sort(), 'other names of the same entity stay');

  s = await open('/pages/mentions.html', 4); // after a reload too
  assert.ok(!s.painted.includes('DNBSEQ-G400'));

  await options.bringToFront();
  await options.waitForSelector('#exceptions tr');
  const rows = await options.$$eval('#exceptions tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['127.0.0.1', 'MGI Tech Co., Ltd.', 'DNBSEQ-G400', 'Undo']]);
  await options.click('#exceptions button');
  await options.waitForSelector('#exceptions-empty:not([hidden])');
  await options.close();
  await until(async () => (await state()).painted.length === 6, 4000, 'DNBSEQ-G400 painted again');
});

test('card: "Pause on this site" stops highlighting, the popup shows paused, options resume it', async () => {
  await open('/pages/mentions.html', 6);
  await hoverCard('#m1', 'MGI Tech');
  await clickCardControl('Pause on this site');
  await until(async () => { const x = await state(); return x.painted.length === 0 && !x.card && x; }, 4000, 'paused');

  const p = await popup();
  try {
    const shown = await readPopup(p);
    assert.equal(shown.status, 'Paused on this site.');
    assert.equal(shown.pause, 'Resume on 127.0.0.1');
    // Opened on a paused page (no engine there): the catalog line comes from the background.
    assert.equal(shown.catalog, `Catalog ${catalog.version}, updated ${catalog.updated} · ${catalog.entities.length} entities`);
  } finally {
    await p.close();
  }

  const options = await optionsPage();
  assert.equal(await options.textContent('#sites li'), '127.0.0.1 Resume');
  await options.click('#sites button');
  await options.waitForSelector('#sites-empty:not([hidden])');
  await options.close();
  await until(async () => (await state()).painted.length === 6, 4000, 'resumed');
});

test('card opened by keyboard focus: Tab goes into it, through its controls and out to the next page stop; Shift+Tab and Esc give focus back', async () => {
  await open('/pages/mentions.html', 6);
  const active = () => page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute('data-bioflag-ui') || document.activeElement.tagName);
  await page.click('h1');
  await page.keyboard.press('Tab');
  let s = await until(async () => { const x = await state(); return x.card && x; }, 4000, 'card on focus');
  assert.equal(await active(), 'first-link', 'opening the card leaves focus on the link');
  assert.equal(s.card.focus, null);
  assert.ok(s.card.text.includes('Tab: into this card · Esc: close'), 'the card says how to reach it');

  await page.keyboard.press('Tab');
  s = await until(async () => { const x = await state(); return x.card && x.card.focus === 'card' && x; }, 4000, 'focus in the card');
  const labels = s.card.controls.map((c) => c.label);
  assert.equal(labels[0], 'Close');
  assert.deepEqual(labels.slice(-2), ['Not this entity here', 'Pause on this site']);
  for (const label of labels) {
    await page.keyboard.press('Tab');
    s = await state();
    assert.equal(s.card.focus, label);
  }
  await page.keyboard.press('Tab'); // past the last control: out, on to the link after the trigger
  await until(async () => (await active()) === 'after-link', 4000, 'focus on the next page stop');
  assert.equal((await state()).card, null);

  await page.keyboard.press('Shift+Tab'); // back onto the link: its card opens again
  await until(async () => (await state()).card, 4000, 'card on focus again');
  await page.keyboard.press('Tab');
  await until(async () => (await state()).card?.focus === 'card', 4000, 'focus in the card');
  await page.keyboard.press('Shift+Tab'); // before the first control: back to the link, card closed
  await until(async () => (await active()) === 'first-link' && !(await state()).card, 4000, 'focus back on the link');
  assert.equal((await idleState(() => state())).card, null, 'focus handed back does not reopen the card');

  await page.keyboard.press('Tab'); // the card is closed, so Tab is the page's own
  assert.equal(await active(), 'after-link');
  await page.keyboard.press('Shift+Tab');
  await until(async () => (await state()).card, 4000, 'card on focus');
  await page.keyboard.press('Tab');
  await until(async () => (await state()).card?.focus === 'card', 4000, 'focus in the card');
  await page.keyboard.press('Escape');
  await until(async () => (await active()) === 'first-link' && !(await state()).card, 4000, 'Esc: closed, focus on the link');
});

test('options: unticking a tier stops highlighting it in open tabs; ticking it again restores it', async () => {
  await open('/pages/mentions.html', 6);
  const options = await optionsPage();
  const formerly = options.getByLabel('Formerly designated');
  // The settings write reaches the tab as a storage event: wait for the state it leads to (the
  // scanner idle, the tier unpainted), not for an absence within a time.
  await formerly.uncheck();
  let s = await idleState(() => state(), { test: (x) => !x.painted.includes(IFS), what: 'formerly designated unpainted' });
  assert.deepEqual(s.painted, [...MENTIONS].filter((m) => m !== IFS).sort());
  await formerly.check();
  s = await idleState(() => state(), { test: (x) => x.painted.includes(IFS), what: 'formerly designated painted' });
  assert.deepEqual(s.painted, [...MENTIONS].sort());
  await options.close();
});

test('options: FollowTheMoney and CSL files import, their names are flagged with a generic card; a broken file changes nothing; export and remove', async () => {
  const options = await optionsPage();
  await options.setInputFiles('#file', repoPath('tests/fixtures/lists/sample.ftm.json'));
  await options.waitForSelector('#lists li');
  await options.setInputFiles('#file', repoPath('tests/fixtures/lists/sample-csl.json'));
  await until(async () => (await options.locator('#lists li').count()) === 2, 4000, 'two lists');
  await options.setInputFiles('#file', repoPath('tests/fixtures/lists/broken.json'));
  await options.waitForSelector('#import-result .error li');
  const errors = await options.$$eval('#import-result .error li', (lis) => lis.map((li) => li.textContent));
  assert.ok(errors.some((e) => e.startsWith('line 2, ')), errors.join('\n'));
  assert.ok(errors.length >= 2, errors.join('\n'));
  assert.match(await options.textContent('#import-result'), /“broken\.json” was not imported; your lists are unchanged/);
  assert.equal(await options.locator('#lists li').count(), 2);

  let s = await open('/pages/listed.html', 2);
  assert.deepEqual(s.matches.map((m) => m.text), ['Northwind Genomics Co., Ltd.', 'Eastgate Bioscience Co., Ltd.']);
  const card = await hoverCard('#ftm', 'Northwind Genomics');
  assert.ok(card.text.includes('Listed on “sample.ftm.json”, a list you imported; it carries no reporting.'), card.text);
  await page.screenshot({ path: join(screenshots, 'chromium-card-imported.png') });
  await page.mouse.move(5, 790);
  await until(async () => !(await state()).card, 3000, 'card closed');
  // The generic card: list name, source and dates, no claims.
  const csl = await hoverCard('#csl', 'Eastgate Bioscience');
  for (const text of ['Entity List (EL) - Bureau of Industry and Security since 2024-05-01', 'Listed on “sample-csl.json”, a list you imported; it carries no reporting.', 'Sources (1)']) {
    assert.ok(csl.text.includes(text), `CSL card shows ${text}: ${csl.text}`);
  }
  assert.ok(!csl.text.includes('What has been reported'));

  const [download] = await Promise.all([options.waitForEvent('download'), options.locator('#lists li', { hasText: 'sample-csl.json' }).getByRole('button', { name: 'Export' }).click()]);
  assert.equal(download.suggestedFilename(), 'sample-csl.json');
  assert.equal(readFileSync(await download.path(), 'utf8'), readFileSync(repoPath('tests/fixtures/lists/sample-csl.json'), 'utf8'));

  await options.locator('#lists li', { hasText: 'sample.ftm.json' }).getByRole('button', { name: 'Remove' }).click();
  await until(async () => (await options.locator('#lists li').count()) === 1, 4000, 'one list left');
  await options.close();
  s = await until(async () => { const x = await state(); return x && x.matches.length === 1 && x; }, 6000, 'Northwind no longer flagged');
  assert.deepEqual(s.matches.map((m) => m.text), ['Eastgate Bioscience Co., Ltd.']);
});

test('options: https URL import only when asked; http refused; a web page, plain text, a 404 and a timeout each say why and keep the lists', async () => {
  const options = await optionsPage();
  await options.setInputFiles('#file', repoPath('tests/fixtures/lists/sample.ftm.json'));
  await options.waitForSelector('#lists li');
  // Also asserted at the end, after every click: one request each and nothing else.
  assert.deepEqual(lists.requests, [], 'nothing fetched before the user asks');

  const importUrl = async (url) => {
    await options.fill('#url', url);
    await options.click('#url-form button');
    await until(async () => !(await options.isDisabled('#url-form button')) && !/^Fetching/.test(await options.textContent('#import-result')), 10000, `import of ${url} finished`);
    return options.textContent('#import-result');
  };
  const listNames = () => options.$$eval('#lists li', (lis) => lis.map((li) => li.textContent.split(' (')[0]));

  const http = `${server.origin}/pages/list.json`;
  assert.equal(await importUrl(http), `Only https:// URLs can be imported, not “${http}”. Nothing was fetched; your lists are unchanged.`);
  assert.ok(!server.requests.includes('/pages/list.json'), 'the http URL was not requested');

  assert.match(await importUrl(`${lists.origin}/page.html`), /^Could not import https:\/\/127\.0\.0\.1:\d+\/page\.html: it returned a web page \(text\/html\), not a JSON list\. Your lists are unchanged\.$/);
  assert.match(await importUrl(`${lists.origin}/notes.txt`), /\/notes\.txt: it did not return JSON \(text\/plain\)\. Your lists are unchanged\.$/);
  assert.match(await importUrl(`${lists.origin}/list/missing.json`), /: the server answered HTTP 404\. Your lists are unchanged\.$/);
  const started = Date.now();
  assert.match(await importUrl(`${lists.origin}/hang.json`), /\/hang\.json: no complete answer within 2 s\. Your lists are unchanged\.$/);
  assert.ok(Date.now() - started >= IMPORT_TIMEOUT_MS - 100, 'gave up only after the timeout');
  assert.deepEqual(await listNames(), ['sample.ftm.json']);

  assert.match(await importUrl(`${lists.origin}/list/sample-csl.json`), /^Imported “sample-csl\.json”\.What the import read and left out:valid Consolidated Screening List: 2 entities, 6 aliases, 2 sourcesskipped 1 record\(s\): Individual$/);
  assert.deepEqual(await listNames(), ['sample.ftm.json', 'sample-csl.json']);
  assert.match(await options.textContent('#lists'), new RegExp(`sample-csl\\.json \\(\\d+ KB, ${lists.origin.replace(/[.]/g, '\\.')}/list/sample-csl\\.json, \\d{4}-\\d\\d-\\d\\d\\)`));
  assert.deepEqual(lists.requests, ['/page.html', '/notes.txt', '/list/missing.json', '/hang.json', '/list/sample-csl.json'], 'one request per click, nothing else');
  await options.close();

  const s = await open('/pages/listed.html', 2);
  assert.deepEqual(s.matches.map((m) => m.text), ['Northwind Genomics Co., Ltd.', 'Eastgate Bioscience Co., Ltd.']);
});

test('the extension made no network request of its own', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
});
