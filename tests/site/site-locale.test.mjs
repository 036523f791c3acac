// The website in the reader's language: the site's own labels (www/src/locales/site.json) and the
// card's (the extension's _locales) in English, Simplified or Traditional Chinese, chosen from the
// browser's languages; the catalog's text stays as its sources wrote it.
// Run: node www/build.mjs && node --test tests/site/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, openPage, axeViolations, root, screenshots } from './harness.mjs';

const site = JSON.parse(readFileSync(join(root, 'www/src/locales/site.json'), 'utf8'));
const ext = (locale) => JSON.parse(readFileSync(join(root, 'extension/src/_locales', locale, 'messages.json'), 'utf8'));
const LOCALES = ['en', 'zh_CN', 'zh_TW'];
/** A message's text with its substitutions left out: the parts a page must show verbatim. */
const fixed = (text) => text.split(/\$\d|\$[a-z0-9_]+\$/i).filter((s) => s.trim());

let server;
before(async () => {
  server = await startSite();
});
after(async () => {
  await server?.close();
});

test('site messages: every key has all three languages with the same substitutions, and every key the pages use exists', () => {
  for (const [key, texts] of Object.entries(site)) {
    const subs = (s) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort().join();
    for (const locale of LOCALES) assert.equal(typeof texts[locale], 'string', `${key} ${locale}`);
    for (const locale of ['zh_CN', 'zh_TW']) assert.equal(subs(texts[locale]), subs(texts.en), `${key} ${locale} substitutions`);
  }
  const src = join(root, 'www/src');
  const files = [...readdirSync(src).filter((f) => f.endsWith('.html')), ...readdirSync(join(src, 'partials')).map((f) => `partials/${f}`), ...readdirSync(join(src, 'js')).map((f) => `js/${f}`)];
  let used = 0;
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8');
    for (const [, key, attrs, english] of text.matchAll(/data-i18n="([A-Za-z]+)"((?:[^>"]|"[^"]*")*)>([^<]*)</g)) {
      used++;
      assert.ok(site[key], `${file}: ${key} exists`);
      // The HTML's own English is what an English reader (or a failed script) sees: the same
      // (where the build fills in facts, the message has substitutions instead).
      if (!attrs.includes('data-i18n-subs')) assert.equal(english, site[key].en, `${file}: ${key}'s English`);
    }
    for (const [, key] of text.matchAll(/[^.\w]t\('(site[A-Za-z]+)'/g)) {
      used++;
      assert.ok(site[key], `${file}: t('${key}') exists`);
    }
  }
  assert.ok(used >= 50, `${used} labels marked`);
});

test('playground in Simplified Chinese: labels, status, the mark\'s label and the card; page language zh-CN; no axe violations', async () => {
  const p = await openPage(server, '', { locale: 'zh-CN' });
  const { page } = p;
  await page.waitForSelector('body[data-state="ready"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('h1'), site.sitePlaygroundHeading.zh_CN);
  assert.equal(await page.title(), site.sitePlaygroundTitle.zh_CN);
  assert.equal(await page.textContent('button[type="submit"]'), site.siteScan.zh_CN);
  assert.equal(await page.textContent('nav a[href="directory.html"]'), site.siteNavDirectory.zh_CN);
  for (const part of fixed(site.siteReady.zh_CN)) assert.ok((await page.textContent('#status')).includes(part), `ready line has “${part}”`);

  await page.fill('#input', 'Kits made by BGI Genomics ship today.');
  await page.click('button[type="submit"]');
  await page.waitForSelector('body[data-state="scanned"]');
  const status = await page.textContent('#status');
  for (const part of fixed(site.siteFound.zh_CN)) assert.ok(status.includes(part), `status has “${part}”: ${status}`);
  assert.ok(status.includes(site.siteMentionsOne.zh_CN) && status.includes(site.siteEntitiesOne.zh_CN), status);
  const mark = page.locator('#output mark.hit').first();
  assert.match(await mark.getAttribute('aria-label'), /^BGI Genomics：已标出，/);
  await mark.click();
  const card = page.locator('#card-popover .bf-card');
  await card.waitFor({ state: 'visible' });
  const text = await card.innerText();
  assert.ok(text.includes(ext('zh_CN').cardReported.message), 'the card\'s headings are Chinese');
  assert.ok(text.includes('BGI Genomics Co., Ltd.') && text.includes('深圳华大基因股份有限公司'), 'names in both scripts');
  assert.equal(text.includes('What has been reported'), false, 'no English heading left');
  assert.equal(await card.getAttribute('lang'), 'zh-CN', 'the card is tagged with the labels\' language');
  assert.equal(await card.locator('.bf-name-zh').textContent(), '深圳华大基因股份有限公司', 'a Simplified interface shows simplified characters');
  await card.screenshot({ path: join(screenshots, 'card-bgi-genomics-desktop-light-zh_CN.png') });
  assert.deepEqual(await axeViolations(page), []);
  await p.context.close();
  assert.deepEqual(p.problems, []);
});

test('directory in Traditional Chinese (zh-TW and zh-HK)', async () => {
  for (const locale of ['zh-TW', 'zh-HK']) {
    const p = await openPage(server, 'directory.html', { locale });
    const { page } = p;
    await page.waitForSelector('body[data-state="ready"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-TW', locale);
    assert.equal(await page.textContent('h1'), site.siteDirectoryHeading.zh_TW);
    assert.equal(await page.getAttribute('#search', 'placeholder'), site.siteSearchPlaceholder.zh_TW);
    const count = await page.textContent('#count');
    for (const part of fixed(site.siteShowing.zh_TW)) assert.ok(count.includes(part), `count line has “${part}”`);
    const reported = await page.locator('article#bgi-genomics').innerText();
    assert.ok(reported.includes(ext('zh_TW').cardReported.message), 'the directory\'s cards are Traditional Chinese');
    // The Chinese name in traditional characters, tagged so a Traditional font draws it.
    const zhName = page.locator('article#bgi-genomics .bf-name-zh');
    assert.equal(await zhName.textContent(), '深圳華大基因股份有限公司', locale);
    assert.equal(await zhName.getAttribute('lang'), 'zh-TW');
    assert.equal(await page.locator('article#mps-ifs .bf-name-zh').textContent(), '公安部物證鑑定中心');
    // Searching by the traditional or the simplified name finds the entity.
    for (const query of ['華大智造', '华大智造']) {
      await page.fill('#search', query);
      await page.waitForFunction(() => document.querySelectorAll('article.entry:not([hidden])').length === 1);
      assert.equal(await page.locator('article.entry:not([hidden])').getAttribute('id'), 'mgi-tech', query);
    }
    await p.context.close();
    assert.deepEqual(p.problems, []);
  }
});

/** Every element of the page whose text is rebuilt around its marked children: key, text, slots. */
function slotted() {
  return [...document.querySelectorAll('[data-i18n-slots]')].map((el) => ({
    key: el.dataset.i18nSlots,
    lang: el.lang,
    text: el.textContent.replace(/\s+/g, ' ').trim(),
    slots: [...el.querySelectorAll('[data-i18n-slot]')].filter((s) => s.parentElement.closest('[data-i18n-slots]') === el).map((s) => s.textContent.replace(/\s+/g, ' ').trim()),
  }));
}
const squash = (s) => s.replace(/\s+/g, ' ').trim();
const fillText = (text, subs) => text.replace(/\$(\d)/g, (m, n) => subs[n - 1]);

test('methodology in English: every paragraph with markup says what its English message says', async () => {
  const p = await openPage(server, 'methodology.html', { locale: 'en-US' });
  await p.page.waitForLoadState('load');
  const items = await p.page.evaluate(slotted);
  assert.ok(items.length >= 20, `${items.length} paragraphs with slots`);
  for (const item of items) assert.equal(item.text, squash(fillText(site[item.key].en, item.slots)), item.key);
  assert.equal(await p.page.getAttribute('html', 'lang'), 'en');
  await p.context.close();
  assert.deepEqual(p.problems, []);
});

test('methodology in Simplified and Traditional Chinese: headings, paragraphs and tables translated, catalog facts kept, links kept; no axe violations', async () => {
  for (const [locale, tag, lang] of [['zh-CN', 'zh_CN', 'zh-CN'], ['zh-TW', 'zh_TW', 'zh-TW'], ['zh-HK', 'zh_TW', 'zh-TW']]) {
    const p = await openPage(server, 'methodology.html', { locale });
    const warnings = [];
    p.page.on('console', (msg) => { if (msg.type() === 'warning') warnings.push(msg.text()); });
    const { page } = p;
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    assert.equal(await page.title(), site.siteMethodTitle[tag]);
    assert.equal(await page.textContent('h1'), site.siteMethodHeading[tag]);
    assert.deepEqual(await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent)),
      ['ListsH', 'TiersH', 'MatchingH', 'WeakH', 'ArticleH', 'SourcesH', 'VersionH', 'ReportH', 'PrivacyH'].map((k) => site[`siteMethod${k}`][tag]), locale);
    const items = await page.evaluate(slotted);
    for (const item of items) {
      assert.equal(item.lang, lang, `${locale} ${item.key} is translated`);
      // The slots now stand in the message's order, which may differ from the English one.
      const message = site[item.key][tag];
      const subs = [];
      [...message.matchAll(/\$(\d)/g)].forEach((m, i) => { subs[m[1] - 1] = item.slots[i]; });
      assert.equal(item.text, squash(fillText(message, subs)), `${locale} ${item.key}`);
    }
    const prose = await page.$$eval('main > p, main section > p, main li, main dd, main caption, main th', (els) => els.filter((e) => !e.closest('[lang="en"]')).map((e) => e.textContent));
    for (const text of prose) assert.match(text, /[\u4e00-\u9fff]/, `${locale}: no English paragraph left: ${text.slice(0, 80)}`);
    // What the build takes from the catalog is kept, in its sources' language.
    assert.equal(await page.textContent('#catalog-version'), JSON.parse(readFileSync(join(root, 'data/catalog.json'), 'utf8')).version);
    assert.ok(await page.locator('#sources tbody[lang="en"] tr').count() > 10, 'the sources table is kept, marked English');
    const confidence = new Set(await page.$$eval('#sources tbody td:last-child', (tds) => tds.map((td) => td.textContent)));
    assert.deepEqual([...confidence].sort(), [site.siteMethodPrimary[tag], site.siteMethodSecondary[tag]].sort(), 'its confidence column is translated');
    assert.equal(await page.textContent('#report a[href="./"]'), site.siteMethodPlayground[tag], 'the link to the playground is kept');
    // The blocks the build makes from the catalog speak the reader's language too: each list's
    // name, full name, keeper and meaning in the catalog's own translation, entities by their
    // Chinese names in the reader's script.
    const catalog = JSON.parse(readFileSync(join(root, 'data/catalog.json'), 'utf8'));
    const script = tag === 'zh_TW' ? 'zh_hant' : 'zh';
    const blocks = await page.$$eval('#lists dl.facts dt', (dts) => dts.map((dt) => ({ name: dt.textContent, about: dt.nextElementSibling.textContent, meaning: [...dt.nextElementSibling.querySelectorAll('li')].map((li) => [li.textContent, li.lang]) })));
    assert.equal(blocks.length, catalog.lists.length);
    catalog.lists.forEach((l, i) => {
      const zh = l[script];
      assert.equal(blocks[i].name, zh.name, `${locale} ${l.id} name`);
      for (const text of [zh.full_name, zh.authority]) assert.ok(blocks[i].about.includes(text), `${locale} ${l.id}: “${text}” in ${blocks[i].about}`);
      assert.deepEqual(blocks[i].meaning, zh.meaning.map((m) => [m, lang]), `${locale} ${l.id} meaning`);
      assert.equal(blocks[i].about.includes(l.authority), false, `${locale} ${l.id}: no English keeper left`);
    });
    const nameOf = (id) => { const e = catalog.entities.find((x) => x.id === id); return (script === 'zh_hant' && e.name_zh_hant) || e.name_zh || e.name; };
    const cited = await page.$$eval('.article-ref a[href^="directory.html#"]', (as) => as.map((a) => [a.getAttribute('href').slice('directory.html#'.length), a.textContent]));
    assert.ok(cited.length > 5, 'the article block names the cards that cite it');
    for (const [id, text] of cited) assert.equal(text, nameOf(id), `${locale}: ${id} in the article block`);
    const weak = await page.$$eval('#weak tbody tr td:nth-child(2) a', (as) => as.map((a) => [a.getAttribute('href').slice('directory.html#'.length), a.textContent]));
    assert.equal(weak.length, catalog.entities.flatMap((e) => (e.aliases || []).filter((a) => a.weak)).length, 'one row per weak alias');
    for (const [id, text] of weak) assert.equal(text, nameOf(id), `${locale}: ${id} in the weak-alias table`);
    assert.deepEqual(await axeViolations(page), [], locale);
    if (locale !== 'zh-HK') await page.screenshot({ path: join(screenshots, `methodology-${tag}.png`) });
    await p.context.close();
    assert.deepEqual(p.problems, [], locale);
    assert.deepEqual(warnings, [], locale);
  }
});

test('an English or other browser gets the English site unchanged', async () => {
  for (const locale of ['en-GB', 'fr-FR']) {
    const p = await openPage(server, '', { locale });
    await p.page.waitForSelector('body[data-state="ready"]');
    assert.equal(await p.page.getAttribute('html', 'lang'), 'en');
    assert.equal(await p.page.textContent('h1'), 'Playground');
    await p.context.close();
  }
});
