// The extension in a Chinese browser: Chromium started with a Simplified Chinese interface shows
// the card's labels, the popup and the options page in Simplified Chinese (browser.i18n, from
// _locales/zh_CN), marks its pages' language, and keeps the catalog's own text as written.
// Screenshots of the card (desktop and phone, light and dark) land in tests/e2e/screenshots.
//   node --test tests/e2e/locale.chromium.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { testExtension, READ_STATE, until, idleState, screenshots, repoPath } from './harness.mjs';

const zh = JSON.parse(readFileSync(repoPath('extension/src/_locales/zh_CN/messages.json'), 'utf8'));
const catalog = JSON.parse(readFileSync(repoPath('data/catalog.json'), 'utf8'));
const list1260h = catalog.lists.find((l) => l.id === 'dod-1260h');
/** A zh_CN message with its placeholders left out: the part a page must show verbatim. */
const fixed = (key) => zh[key].message.split(/\$[a-z0-9_]+\$/i).filter(Boolean);

let server;
let browser;
let id;

before(async () => {
  server = await startServer();
  // Chromium on Linux takes its interface language from the environment (LANGUAGE), and the
  // extension's i18n follows the interface language, not the page's.
  browser = await launchChromiumWith({
    server,
    dir: testExtension('chromium'),
    locale: 'zh-CN',
    env: { ...process.env, LANGUAGE: 'zh_CN', LANG: 'zh_CN.UTF-8' },
    args: ['--lang=zh-CN'],
  });
  id = new URL(browser.worker.url()).host;
});

after(async () => {
  await browser?.ctx.close();
  await server?.close();
});

test('the browser reports a Chinese interface to the extension', async () => {
  const ui = await browser.worker.evaluate(() => chrome.i18n.getUILanguage());
  assert.match(ui, /^zh/);
});

test('card: labels in Simplified Chinese, the catalog text as written; screenshots at desktop and phone size, light and dark', async () => {
  const page = await browser.ctx.newPage();
  const sizes = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 640 }]];
  for (const [device, viewport] of sizes) {
    for (const colorScheme of ['light', 'dark']) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.origin}/pages/split.html`);
      await idleState(() => page.evaluate(`(() => {${READ_STATE}})()`), { test: (s) => s.matches.length > 0 });
      const box = await page.locator('b').first().boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const s = await until(async () => { const x = await page.evaluate(`(() => {${READ_STATE}})()`); return x.card && x; }, 3000, 'card on hover');
      assert.equal(s.card.entity, 'bgi-genomics');
      for (const key of ['cardReported', 'cardNotThis', 'cardPause']) {
        for (const part of fixed(key)) assert.ok(s.card.text.includes(part), `${device} ${colorScheme}: the card shows ${key} in Chinese (“${part}”)`);
      }
      // Names in both scripts, and the catalog's English claims stay in English.
      assert.ok(s.card.text.includes('深圳华大基因股份有限公司'));
      assert.ok(s.card.text.includes('BGI Genomics Co., Ltd.'));
      assert.equal(s.card.text.includes('Not this entity here'), false, 'no English label left');
      // The list's own texts (the catalog's, not a source's) in the catalog's Chinese.
      for (const text of [list1260h.zh.full_name, list1260h.zh.authority, list1260h.zh.meaning[0]]) assert.ok(s.card.text.includes(text), `${device} ${colorScheme}: the card shows “${text}”`);
      assert.equal(s.card.text.includes(list1260h.full_name), false, 'the list\'s English full name is not left');
      await page.screenshot({ path: join(screenshots, `chromium-card-bgi-genomics-${device}-${colorScheme}-zh_CN.png`) });
      await page.mouse.move(2, 2);
      await until(async () => !(await page.evaluate(`(() => {${READ_STATE}})()`)).card, 3000, 'card closed');
    }
  }
  await page.close();
});

test('options page: headings, labels and the language tag in Simplified Chinese', async () => {
  const page = await browser.ctx.newPage();
  await page.goto(`chrome-extension://${id}/options/options.html`);
  await until(() => page.evaluate(() => document.getElementById('catalog').textContent), 5000, 'catalog line');
  const read = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    h2: [...document.querySelectorAll('h2')].map((h) => h.textContent),
    tiers: document.getElementById('tiers').textContent,
    catalog: document.getElementById('catalog').textContent,
  }));
  assert.equal(read.lang, 'zh-CN');
  assert.equal(read.title, zh.optionsTitle.message);
  assert.deepEqual(read.h2, [zh.optionsPausedSites.message, zh.optionsExceptions.message, zh.optionsLists.message]);
  for (const key of ['optionsTiers', 'optionsTierDesignated', 'optionsTierAffiliate']) assert.ok(read.tiers.includes(zh[key].message), key);
  for (const part of fixed('optionsCatalog')) assert.ok(read.catalog.includes(part), `catalog line has “${part}”`);
  await page.screenshot({ path: join(screenshots, 'chromium-options-zh_CN.png') });
  await page.close();
});

test('popup page: headings and the status line in Simplified Chinese', async () => {
  // The popup opened as a tab describes itself (an extension page bioflag does not run on).
  const page = await browser.ctx.newPage();
  await page.goto(`chrome-extension://${id}/popup/popup.html`);
  await until(() => page.evaluate(() => document.getElementById('status').textContent), 5000, 'status line');
  const read = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    status: document.getElementById('status').textContent,
    headings: [...document.querySelectorAll('h2')].map((h) => h.textContent),
    link: document.getElementById('options-link').textContent,
  }));
  assert.equal(read.lang, 'zh-CN');
  assert.equal(read.status, zh.popupNotRunning.message);
  assert.deepEqual(read.headings, [zh.popupFlaggedHeading.message, zh.popupMentionsHeading.message]);
  assert.equal(read.link, zh.popupSettingsLink.message);
  await page.close();
});

test('popup for a page: entities by their simplified Chinese name with the English beside it, every mention named the same way', async () => {
  const page = await browser.ctx.newPage();
  await page.goto(`${server.origin}/pages/mentions.html`);
  await idleState(() => page.evaluate(`(() => {${READ_STATE}})()`), { test: (s) => s.matches.length === 6 });
  // The page's tab: the one just opened, the active one (without the "tabs" permission the
  // extension cannot see tab URLs).
  await page.bringToFront();
  const tabId = await browser.worker.evaluate(() => chrome.tabs.query({ active: true, lastFocusedWindow: true }).then(([tab]) => tab.id));
  // A test build's popup describes the tab it is given (a popup opened as a tab is its own active tab).
  const popup = await browser.ctx.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.goto(`chrome-extension://${id}/popup/popup.html?tab=${tabId}`);
  await until(() => popup.evaluate(() => document.querySelectorAll('#entities button').length === 3), 5000, 'popup entities');
  const read = await popup.evaluate(() => ({
    entities: [...document.querySelectorAll('#entities button')].map((b) => ({
      name: b.querySelector('.name').textContent,
      lang: b.querySelector('.name').lang,
      english: b.querySelector('.name-en')?.textContent,
      label: b.getAttribute('aria-label'),
    })),
    who: [...document.querySelectorAll('#mentions li .who')].map((w) => [w.textContent, w.lang]),
  }));
  assert.deepEqual(read.entities.map((e) => [e.name, e.lang, e.english]), [
    ['深圳华大智造科技股份有限公司', 'zh-CN', 'MGI Tech Co., Ltd.'],
    ['深圳华大基因股份有限公司', 'zh-CN', 'BGI Genomics Co., Ltd.'],
    ['公安部物证鉴定中心', 'zh-CN', "Institute of Forensic Science of China's Ministry of Public Security"],
  ]);
  // The button's name starts with what it shows, in the Chinese message's words.
  for (const part of fixed('popupEntityButtonMany')) assert.ok(read.entities[0].label.includes(part), read.entities[0].label);
  assert.ok(read.entities[0].label.startsWith('深圳华大智造科技股份有限公司 MGI Tech Co., Ltd.'), read.entities[0].label);
  assert.deepEqual(read.who.map(([w]) => w), ['深圳华大智造科技股份有限公司', '深圳华大智造科技股份有限公司', '深圳华大基因股份有限公司', '深圳华大智造科技股份有限公司', '深圳华大智造科技股份有限公司', '公安部物证鉴定中心']);
  assert.ok(read.who.every(([, lang]) => lang === 'zh-CN'));
  await popup.screenshot({ path: join(screenshots, 'chromium-popup-zh_CN.png'), fullPage: true });
  await popup.close();
  await page.close();
});
