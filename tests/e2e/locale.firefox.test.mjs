// The extension in a Traditional Chinese Firefox (intl.locale.requested with Debian's zh-TW
// language pack): the card's labels and the options page come from _locales/zh_TW, the catalog's
// own text stays as written. Screenshots land in tests/e2e/screenshots.
//   node --test tests/e2e/locale.firefox.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { startServer } from './server.mjs';
import { launchFirefox, openFirefoxTab } from './browsers.mjs';
import { READ_STATE, until, idleState, screenshots, repoPath } from './harness.mjs';

const zh = JSON.parse(readFileSync(repoPath('extension/src/_locales/zh_TW/messages.json'), 'utf8'));
/** A zh_TW message with its placeholders left out: the part a page must show verbatim. */
const fixed = (key) => zh[key].message.split(/\$[a-z0-9_]+\$/i).filter(Boolean);

let server;
let driver;
let host;

before(async () => {
  server = await startServer();
  ({ driver, host } = await launchFirefox({ server, prefs: { 'intl.locale.requested': 'zh-TW' } }));
});

after(async () => {
  await driver?.quit();
  await server?.close();
});

const state = () => driver.executeScript(READ_STATE);

test('card: labels in Traditional Chinese, the catalog text as written', async () => {
  await driver.get(`${server.origin}/pages/split.html`);
  await idleState(state, { test: (s) => s.matches.length > 0 });
  await driver.actions().move({ origin: await driver.findElement(By.css('b')) }).perform();
  const s = await until(async () => { const x = await state(); return x.card && x; }, 3000, 'card on hover');
  assert.equal(s.card.entity, 'bgi-genomics');
  for (const key of ['cardReported', 'cardNotThis', 'cardPause']) {
    for (const part of fixed(key)) assert.ok(s.card.text.includes(part), `the card shows ${key} in Traditional Chinese (“${part}”)`);
  }
  // The Chinese name in the reader's script: traditional on a Traditional-Chinese interface.
  assert.ok(s.card.text.includes('深圳華大基因股份有限公司'), s.card.text);
  assert.equal(s.card.text.includes('深圳华大基因股份有限公司'), false, 'not the simplified form');
  assert.equal(s.card.text.includes('Not this entity here'), false, 'no English label left');
  // The list's own texts in the catalog's traditional Chinese.
  const list = JSON.parse(readFileSync(repoPath('data/catalog.json'), 'utf8')).lists.find((l) => l.id === 'dod-1260h');
  for (const text of [list.zh_hant.full_name, list.zh_hant.authority, list.zh_hant.meaning[0]]) assert.ok(s.card.text.includes(text), `the card shows “${text}”`);
  assert.equal(s.card.text.includes(list.full_name), false, 'the list\'s English full name is not left');
  writeFileSync(join(screenshots, 'firefox-card-split-page-zh_TW.png'), await driver.takeScreenshot(), 'base64');
});

test('options page: headings, labels and the language tag in Traditional Chinese', async () => {
  await openFirefoxTab(driver, `moz-extension://${host}/options/options.html`);
  await until(() => driver.executeScript("return document.getElementById('catalog').textContent"), 5000, 'catalog line');
  const read = await driver.executeScript(`return {
    lang: document.documentElement.lang,
    h2: [...document.querySelectorAll('h2')].map((h) => h.textContent),
    tiers: document.getElementById('tiers').textContent,
  }`);
  assert.equal(read.lang, 'zh-TW');
  assert.deepEqual(read.h2, [zh.optionsPausedSites.message, zh.optionsExceptions.message, zh.optionsLists.message]);
  for (const key of ['optionsTiers', 'optionsTierDesignated']) assert.ok(read.tiers.includes(zh[key].message), key);
  writeFileSync(join(screenshots, 'firefox-options-zh_TW.png'), await driver.takeScreenshot(), 'base64');
});

test('popup for a page: entities by their traditional Chinese name with the English beside it', async () => {
  await driver.get(`${server.origin}/pages/mentions.html`);
  await idleState(state, { test: (s) => s.matches.length === 6 });
  const fixture = await driver.getWindowHandle();
  const url = `${server.origin}/pages/mentions.html`;
  // The fixture tab's id, asked from an extension page (content pages have no tabs API).
  await openFirefoxTab(driver, `moz-extension://${host}/options/options.html`);
  const tabId = await driver.executeScript('return browser.tabs.query({}).then((tabs) => tabs.find((t) => t.url === arguments[0]).id)', url);
  await driver.close();
  await driver.switchTo().window(fixture);
  // A test build's popup describes the tab it is given (a popup opened as a tab is its own active tab).
  await openFirefoxTab(driver, `moz-extension://${host}/popup/popup.html?tab=${tabId}`);
  await until(() => driver.executeScript("return document.querySelectorAll('#entities button').length === 3"), 5000, 'popup entities');
  const read = await driver.executeScript(() => ({
    entities: [...document.querySelectorAll('#entities button')].map((b) => [b.querySelector('.name').textContent, b.querySelector('.name').lang, b.querySelector('.name-en')?.textContent]),
    who: [...document.querySelectorAll('#mentions li .who')].map((w) => w.textContent),
  }));
  assert.deepEqual(read.entities, [
    ['深圳華大智造科技股份有限公司', 'zh-TW', 'MGI Tech Co., Ltd.'],
    ['深圳華大基因股份有限公司', 'zh-TW', 'BGI Genomics Co., Ltd.'],
    ['公安部物證鑑定中心', 'zh-TW', "Institute of Forensic Science of China's Ministry of Public Security"],
  ]);
  assert.deepEqual(read.who, ['深圳華大智造科技股份有限公司', '深圳華大智造科技股份有限公司', '深圳華大基因股份有限公司', '深圳華大智造科技股份有限公司', '深圳華大智造科技股份有限公司', '公安部物證鑑定中心']);
  writeFileSync(join(screenshots, 'firefox-popup-zh_TW.png'), await driver.takeScreenshot(), 'base64');
  await driver.close();
  await driver.switchTo().window(fixture);
});
