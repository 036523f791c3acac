// End-to-end tests of the extension's own UI in Firefox ESR (Selenium). What Firefox allows a
// test to drive, and how:
//   - popup and options: Firefox refuses to navigate a tab to moz-extension://, so the pages are
//     opened from the chrome context (geckodriver --allow-system-access) in tabs of their own. The
//     real toolbar popup is a panel in the parent process that Marionette cannot switch into, so
//     the popup runs as a tab and is pointed at the fixture tab with `?tab=ID` (test builds only;
//     a popup in a tab would otherwise describe itself).
//   - badge: read through the extension's own API (action.getBadgeText) from its options page.
//   - shortcut: synthesized key presses do not reach extension shortcuts (neither Selenium's nor
//     the chrome window's text-input processor), so the test fires the `command` event on the
//     <key> element Firefox built from the manifest, as Firefox's key handling does.
//   - card: its closed shadow root is out of WebDriver's reach, so it is driven with the keyboard.
//   node --test tests/e2e/firefox-ui.test.mjs
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { By, Key, Origin } from 'selenium-webdriver';
import { startServer } from './server.mjs';
import { startHttpsServer } from './https-server.mjs';
import { launchFirefox, openFirefoxTab } from './browsers.mjs';
import { READ_STATE, until, idleState, screenshots, repoPath, extensionRequests, clearStorage } from './harness.mjs';

const catalog = JSON.parse(readFileSync(repoPath('data/catalog.json'), 'utf8'));
const IFS = "Institute of Forensic Science of China's Ministry of Public Security";

let server;
let lists;
let driver;
let host;
let downloads;
let fixture; // window handle of the tab showing fixture pages

before(async () => {
  server = await startServer();
  lists = await startHttpsServer();
  ({ driver, host, downloads } = await launchFirefox({ server, flags: { importTimeoutMs: 2000 } }));
  fixture = await driver.getWindowHandle();
});

after(async () => {
  await driver?.quit();
  await lists?.close();
  await server?.close();
});

/** Closes every tab but the fixture tab, and starts from a fresh install's storage. */
beforeEach(async () => {
  for (const h of await driver.getAllWindowHandles()) {
    if (h !== fixture) await closeTab(h);
  }
  const options = await optionsPage();
  await clearStorage((body) => driver.executeScript(body));
  await closeTab(options);
});

async function extensionPage(path) {
  return openFirefoxTab(driver, `moz-extension://${host}/${path}`);
}

/** The options page in a tab, once it has rendered (the catalog line comes last). */
async function optionsPage() {
  const handle = await extensionPage('options/options.html');
  await until(() => driver.executeScript("return document.getElementById('catalog').textContent"), 5000, 'options rendered');
  return handle;
}

/** Closes a tab if it is still open. A popup may close itself at any moment (after a click), so
 * the tab vanishing between the check and the close is not an error. */
async function closeTab(handle) {
  if ((await driver.getAllWindowHandles()).includes(handle)) {
    try {
      await driver.switchTo().window(handle);
      await driver.close();
    } catch (e) {
      if (e.name !== 'NoSuchWindowError') throw e;
    }
  }
  await driver.switchTo().window(fixture);
}

/** Runs `script` (which may return a promise) in a tab, then comes back to the fixture tab. */
async function inTab(handle, script, ...args) {
  await driver.switchTo().window(handle);
  try {
    return await driver.executeScript(script, ...args);
  } finally {
    await driver.switchTo().window(fixture);
  }
}

async function state() {
  return driver.executeScript(`return (() => {${READ_STATE}})()`);
}

async function open(path, matches) {
  await driver.switchTo().window(fixture);
  await driver.get(server.origin + path);
  return idleState(state, { test: (s) => s.matches.length === matches, what: `${matches} matches on ${path}, idle` });
}

/** The fixture tab's id, as the extension sees it (asked from an extension page). */
async function fixtureTabId(handle) {
  return inTab(handle, `return browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url.startsWith(arguments[0])).id)`, server.origin);
}

function readPopup() {
  return driver.executeScript(() => ({
    site: document.getElementById('site').textContent,
    status: document.getElementById('status').textContent,
    pause: document.getElementById('pause').textContent,
    entities: [...document.querySelectorAll('#entities button')].map((b) => [b.dataset.entity, b.querySelector('.name').textContent, b.querySelector('.count').textContent]),
    mentions: [...document.querySelectorAll('#mentions-section:not([hidden]) #mentions li strong')].map((s) => s.textContent),
    catalog: document.getElementById('catalog').textContent,
  }));
}

/** Opens the popup (as a tab) for the fixture tab; leaves the driver in it. */
async function popupFor(tabId) {
  const handle = await extensionPage(`popup/popup.html?tab=${tabId}`);
  await until(() => driver.executeScript("return document.getElementById('status').textContent"), 5000, 'popup status');
  return handle;
}

test('badge and popup: entities with counts, every mention, catalog; clicking an entity scrolls to it and opens its card', async () => {
  await open('/pages/mentions.html', 6);
  const options = await optionsPage();
  const tabId = await fixtureTabId(options);
  assert.equal(await inTab(options, 'return browser.action.getBadgeText({ tabId: arguments[0] })', tabId), '3');
  await closeTab(options);

  const popup = await popupFor(tabId);
  const shown = await readPopup();
  assert.equal(shown.site, '127.0.0.1');
  assert.equal(shown.status, '3 flagged entities, 6 mentions.');
  assert.deepEqual(shown.entities, [['mgi-tech', 'MGI Tech Co., Ltd.', '4'], ['bgi-genomics', 'BGI Genomics Co., Ltd.', '1'], ['mps-ifs', IFS, '1']]);
  assert.deepEqual(shown.mentions, ['MGI Tech', 'DNBSEQ-G400', 'BGI Genomics', 'DNBSEQ-G400', 'MGI Tech', IFS]);
  assert.equal(shown.catalog, `Catalog ${catalog.version}, updated ${catalog.updated} · ${catalog.entities.length} entities`);
  writeFileSync(join(screenshots, 'firefox-popup.png'), await driver.takeScreenshot(), 'base64');

  await driver.findElement(By.css('button[data-entity="bgi-genomics"]')).click();
  await closeTab(popup); // the popup closes itself where a browser allows it
  const s = await until(async () => { const x = await state(); return x.card && x; }, 4000, 'card after popup click');
  assert.equal(s.card.entity, 'bgi-genomics');
  assert.ok(await driver.executeScript('return scrollY') > 1000, 'scrolled down');
  assert.ok(await driver.executeScript("const r = document.getElementById('m2').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight"), 'mention in view');
  writeFileSync(join(screenshots, 'firefox-popup-next.png'), await driver.takeScreenshot(), 'base64');
});

test('popup: pause and resume for the site', async () => {
  await open('/pages/mentions.html', 6);
  const options = await optionsPage();
  const tabId = await fixtureTabId(options);
  await closeTab(options);
  const popup = await popupFor(tabId);
  await driver.findElement(By.id('pause')).click();
  await until(async () => (await readPopup()).pause === 'Resume on 127.0.0.1', 4000, 'popup shows paused');
  assert.equal((await readPopup()).status, 'Paused on this site.');
  // The popup shows what storage says; the tab stops on its own storage event, maybe later.
  const stopped = await idleState(() => inTab(fixture, `return (() => {${READ_STATE}})()`), { test: (x) => x.engine === null, what: 'the tab stopped' });
  assert.deepEqual(stopped.painted, []);
  await driver.switchTo().window(popup);
  await driver.findElement(By.id('pause')).click();
  await until(async () => (await readPopup()).pause === 'Pause on 127.0.0.1', 4000, 'popup shows resumed');
  assert.equal((await readPopup()).status, '3 flagged entities, 6 mentions.');
  await closeTab(popup);
  const resumed = await idleState(state, { test: (x) => x.engine !== null, what: 'the tab scanning again' });
  assert.equal(resumed.painted.length, 6);
});

test('shortcut: Firefox registers Alt+Shift+M; its command walks the mentions in order', async () => {
  await open('/pages/mentions.html', 6);
  await driver.setContext('chrome');
  let key;
  try {
    key = await driver.executeScript(`
      const k = document.querySelector('keyset[id^="ext-keyset-id-bioflag"] > key');
      return k && { key: k.getAttribute('key'), modifiers: k.getAttribute('modifiers') };`);
  } finally {
    await driver.setContext('content');
  }
  assert.deepEqual(key, { key: 'M', modifiers: 'alt,shift' });
  const seen = [];
  for (let i = 0; i < 3; i++) {
    await driver.setContext('chrome');
    try {
      await driver.executeScript(`document.querySelector('keyset[id^="ext-keyset-id-bioflag"] > key').dispatchEvent(new Event('command'));`);
    } finally {
      await driver.setContext('content');
    }
    const s = await until(async () => { const x = await state(); return x.card && !seen.includes(x.card.text) && x; }, 4000, `card ${i + 1}`);
    seen.push(s.card.text);
    assert.equal(s.card.focus, 'card');
  }
  assert.deepEqual(seen.map((t) => /Matched “([^”]+)”/.exec(t)[1]), ['MGI Tech', 'DNBSEQ-G400', 'BGI Genomics']);
});

test('card by keyboard: Tab into it, through it and out; "Not this entity here" by Enter; undone from options', async () => {
  await open('/pages/mentions.html', 6);
  const active = () => driver.executeScript("return document.activeElement.id || document.activeElement.getAttribute('data-bioflag-ui') || document.activeElement.tagName");
  const press = (...keys) => driver.actions().sendKeys(...keys).perform();
  const shiftTab = () => driver.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
  await driver.findElement(By.css('h1')).click();
  await press(Key.TAB);
  let s = await until(async () => { const x = await state(); return x.card && x; }, 4000, 'card on focus');
  assert.equal(await active(), 'first-link');
  assert.ok(s.card.text.includes('Tab: into this card · Esc: close'));
  await press(Key.TAB);
  s = await until(async () => { const x = await state(); return x.card?.focus === 'card' && x; }, 4000, 'focus in the card');
  const labels = s.card.controls.map((c) => c.label);
  for (const label of labels) {
    await press(Key.TAB);
    assert.equal((await state()).card.focus, label);
  }
  await press(Key.TAB);
  await until(async () => (await active()) === 'after-link', 4000, 'out to the next page stop');
  await shiftTab();
  await until(async () => (await state()).card, 4000, 'card on focus again');
  await press(Key.TAB);
  await until(async () => (await state()).card?.focus === 'card', 4000, 'focus in the card');
  await press(Key.ESCAPE);
  await until(async () => (await active()) === 'first-link' && !(await state()).card, 4000, 'Esc: closed, focus back on the link');

  // The card is closed, so Tab is the page's; back onto the link, into the card again and onto
  // "Not this entity here" (the link's match is "MGI Tech").
  await press(Key.TAB);
  assert.equal(await active(), 'after-link');
  assert.equal((await state()).card, null);
  await shiftTab();
  await until(async () => (await state()).card, 4000, 'card on focus');
  await press(Key.TAB);
  for (;;) {
    await press(Key.TAB);
    if ((await state()).card.focus === 'Not this entity here') break;
  }
  await press(Key.ENTER);
  s = await until(async () => { const x = await state(); return x.painted.length === 4 && x; }, 4000, 'MGI Tech unpainted');
  assert.deepEqual(s.painted, [IFS, 'BGI Genomics', 'DNBSEQ-G400', 'DNBSEQ-G400'].sort());
  assert.equal(await active(), 'first-link', 'focus goes back to the link when the card closes');

  const options = await optionsPage();
  const rows = await driver.executeScript(() => [...document.querySelectorAll('#exceptions tr')].map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(rows, [['127.0.0.1', 'MGI Tech Co., Ltd.', 'MGI Tech', 'Undo']]);
  await driver.findElement(By.css('#exceptions button')).click();
  await until(() => driver.executeScript("return !document.getElementById('exceptions-empty').hidden"), 3000, 'no exceptions');
  await closeTab(options);
  await until(async () => (await state()).painted.length === 6, 4000, 'MGI Tech painted again');
});

test('options: tiers filter open tabs; FollowTheMoney file and https CSL import give generic cards; broken file and http URL change nothing; export, remove', async () => {
  await open('/pages/mentions.html', 6);
  const options = await optionsPage();
  await driver.findElement(By.xpath("//label[contains(., 'Formerly designated')]/input")).click();
  await driver.switchTo().window(fixture);
  // The settings write reaches the tab as a storage event: wait for the state it leads to.
  const unticked = await idleState(state, { test: (x) => !x.painted.includes(IFS), what: 'formerly designated unpainted' });
  assert.equal(unticked.painted.length, 5);

  await driver.switchTo().window(options);
  await driver.findElement(By.id('file')).sendKeys(repoPath('tests/fixtures/lists/sample.ftm.json'));
  await until(() => driver.executeScript("return document.querySelectorAll('#lists li').length === 1"), 4000, 'FTM list imported');
  // The input takes several files (OFAC's pair), and geckodriver adds keys sent to such an input
  // to the files already picked: cleared first, the second file is picked alone.
  await driver.findElement(By.id('file')).clear();
  await driver.findElement(By.id('file')).sendKeys(repoPath('tests/fixtures/lists/broken.json'));
  await until(() => driver.executeScript("return document.querySelector('#import-result .error li')"), 4000, 'errors shown');
  assert.match(await driver.findElement(By.id('import-result')).getText(), /“broken\.json” was not imported; your lists are unchanged:\nline 2, /);

  const url = driver.findElement(By.id('url'));
  await url.clear();
  await url.sendKeys(`${server.origin}/pages/list.json`);
  await driver.findElement(By.css('#url-form button')).click();
  assert.match(await driver.findElement(By.id('import-result')).getText(), /^Only https:\/\/ URLs can be imported/);
  assert.deepEqual(lists.requests, [], 'nothing fetched from the list server yet');
  await url.clear();
  await url.sendKeys(`${lists.origin}/list/sample-csl.json`);
  await driver.findElement(By.css('#url-form button')).click();
  await until(async () => /^Imported “sample-csl\.json”\.\s+What the import read and left out:\s+valid Consolidated Screening List: 2 entities, 6 aliases, 2 sources\s+skipped 1 record\(s\): Individual$/
    .test(await driver.findElement(By.id('import-result')).getText()), 6000, 'CSL imported from https, with its report');
  assert.deepEqual(lists.requests, ['/list/sample-csl.json']);
  // The result is shown first, then the list of lists is drawn again from storage.
  await until(() => driver.executeScript("return document.querySelectorAll('#lists li').length === 2"), 20000, 'two lists listed');
  await closeTab(options);

  const s = await open('/pages/listed.html', 2);
  assert.deepEqual(s.matches.map((m) => m.text), ['Northwind Genomics Co., Ltd.', 'Eastgate Bioscience Co., Ltd.']);
  const at = await driver.executeScript(() => {
    const text = document.getElementById('csl').firstChild;
    const r = document.createRange();
    r.setStart(text, text.data.indexOf('Eastgate'));
    r.setEnd(text, text.data.indexOf('Eastgate') + 8);
    const b = r.getBoundingClientRect();
    return { x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height / 2) };
  });
  await driver.actions().move({ origin: Origin.VIEWPORT, x: at.x, y: at.y }).perform();
  const card = await until(async () => (await state()).card, 4000, 'card on hover');
  assert.equal(card.entity, 'csl-sample-eastgate-el');
  for (const text of ['since 2024-05-01', 'Listed on “sample-csl.json”, a list you imported; it carries no reporting.']) {
    assert.ok(card.text.includes(text), `card shows ${text}: ${card.text}`);
  }
  writeFileSync(join(screenshots, 'firefox-card-imported.png'), await driver.takeScreenshot(), 'base64');

  // Export writes the list as imported; Remove drops it and the page stops flagging its names.
  const again = await optionsPage();
  await driver.findElement(By.xpath("//ul[@id='lists']/li[contains(., 'sample-csl.json')]/button[.='Export']")).click();
  const saved = join(downloads, 'sample-csl.json');
  await until(() => existsSync(saved) && readFileSync(saved, 'utf8').length > 0, 5000, 'exported file');
  assert.equal(readFileSync(saved, 'utf8'), readFileSync(repoPath('tests/fixtures/lists/sample-csl.json'), 'utf8'));
  await driver.findElement(By.xpath("//ul[@id='lists']/li[contains(., 'sample.ftm.json')]/button[.='Remove']")).click();
  await until(() => driver.executeScript("return document.querySelectorAll('#lists li').length === 1"), 4000, 'one list left');
  await closeTab(again);
  const after = await until(async () => { const x = await state(); return x && x.matches.length === 1 && x; }, 6000, 'Northwind no longer flagged');
  assert.deepEqual(after.matches.map((m) => m.text), ['Eastgate Bioscience Co., Ltd.']);
});

test('the extension made no network request of its own', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
});
