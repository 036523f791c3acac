// End-to-end tests of the website (www/dist, built by `node www/build.mjs`) in Chromium, against
// the site's own server on 127.0.0.1. Every page is watched for requests leaving the server,
// console errors and uncaught exceptions (see harness.mjs), and each test ends by asserting none
// happened.
// Run: node --test tests/site/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, openPage, axeViolations, expectedFlags, catalogIds, root, screenshots } from './harness.mjs';

let site;
before(async () => {
  site = await startSite();
});
after(async () => {
  await site?.close();
});

/** Opens the playground and waits for the engine. */
async function playground(options) {
  const p = await openPage(site, '', options);
  await p.page.waitForSelector('body[data-state="ready"]');
  return p;
}

/** Scans `text` as pasted input and returns the summary table's entity ids. */
async function scanPasted(page, text) {
  await page.fill('#input', text);
  await page.click('button[type="submit"]');
  await page.waitForSelector('body[data-state="scanned"]');
  return page.$$eval('#summary-body tr', (rows) => rows.map((r) => r.dataset.entity).sort());
}

async function loadExample(page, file) {
  await page.selectOption('#example', file);
  await page.click('#load-example');
  await page.waitForFunction((f) => document.body.dataset.state === 'scanned' && document.getElementById('input').value.length > 0 && document.getElementById('example').value === f, file);
  return page.$$eval('#summary-body tr', (rows) => rows.map((r) => r.dataset.entity).sort());
}

async function finish({ context, problems }) {
  await context.close();
  assert.deepEqual(problems, [], 'no third-party request, console error or uncaught exception');
}

test('server: strict security headers, wasm type, examples as text, no path traversal', async () => {
  const page = await fetch(site.url);
  assert.equal(page.status, 200);
  const csp = page.headers.get('content-security-policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /https?:|\*/, 'no third-party origin in the CSP');
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  const wasm = await fetch(new URL('wasm/bioflag_bg.wasm', site.url));
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const example = await fetch(new URL('examples/shop-listing.html', site.url));
  assert.match(example.headers.get('content-type'), /^text\/plain/);
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/nope.html']) {
    const r = await fetch(`${site.url.replace(/\/$/, '')}${path}`);
    assert.equal(r.status, 404, path);
  }
  assert.equal((await fetch(site.url, { method: 'POST' })).status, 405);
});

test('playground: each bundled example flags exactly the entities examples/README.md lists', async () => {
  const expected = expectedFlags();
  const files = readdirSync(join(root, 'examples')).filter((f) => /\.(html|txt)$/.test(f)).sort();
  assert.deepEqual(Object.keys(expected).sort(), files, 'every bundled example has its expected flags');
  assert.deepEqual(expected['traps.html'], [], 'the trap page expects nothing');
  const p = await playground();
  for (const file of files) {
    const found = await loadExample(p.page, file);
    assert.deepEqual(found, expected[file], file);
    const marks = await p.page.$$eval('#output mark.hit', (m) => m.length);
    if (expected[file].length) assert.ok(marks >= expected[file].length, `${file}: highlighted in the text`);
    else {
      assert.equal(marks, 0, `${file}: nothing highlighted`);
      assert.match(await p.page.textContent('#status'), /No flagged names found/);
      assert.equal(await p.page.isVisible('#summary'), false);
    }
  }
  // Script content of the shop listing ("BGI Group" in JSON-LD, "MGI Tech" in page state) is
  // not visible text: it must not appear in the rendered copy.
  await loadExample(p.page, 'shop-listing.html');
  const shown = await p.page.textContent('#output');
  assert.doesNotMatch(shown, /MGI Tech|__SW_STATE__/);
  await finish(p);
});

test('playground: the card shows sources and the company’s response, by hover, click and keyboard', async () => {
  const p = await playground();
  const { page } = p;
  await loadExample(page, 'shop-listing.html');
  const first = page.locator('#output mark.hit.tier-designated', { hasText: 'BGI Genomics' }).first();

  await first.hover();
  const card = page.locator('#card-popover .bf-card');
  await card.waitFor({ state: 'visible' });
  assert.equal(await card.getAttribute('data-entity'), 'bgi-genomics');
  const sources = card.locator('.bf-sources li');
  assert.ok((await sources.count()) >= 2, 'sources listed');
  assert.match(await card.locator('.bf-sources').textContent(), /Reuters/);
  assert.match(await card.locator('.bf-responses').textContent(), /denies/);
  assert.match(await card.locator('.bf-why').textContent(), /Matched “BGI Genomics/);
  assert.equal(await first.getAttribute('aria-expanded'), 'true');
  await page.screenshot({ path: join(screenshots, 'playground.png'), fullPage: false });
  await card.screenshot({ path: join(screenshots, 'card.png') });
  await card.locator('.bf-responses').scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(screenshots, 'card-response-and-sources.png') });

  // Esc dismisses a hover card (WCAG 1.4.13).
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });

  // Keyboard: focus shows the card, Enter moves into it, Esc closes and returns focus.
  await first.focus();
  await card.waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#card-popover') !== null), true, 'focus moved into the card');
  await page.keyboard.press('Escape');
  await card.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.matches('mark.hit')), true, 'focus returned to the name');

  // Click pins the card; its close button closes it.
  await first.click();
  await card.waitFor({ state: 'visible' });
  await page.mouse.move(0, 0);
  // Nothing scheduled any more (a close after the pointer left would be).
  await page.waitForFunction(() => !document.getElementById('card-popover').hasAttribute('data-pending'));
  assert.equal(await card.isVisible(), true, 'a clicked card stays when the pointer leaves');
  await page.click('#card-popover .bf-close');
  await card.waitFor({ state: 'detached' });
  await finish(p);
});

test('playground: names split by a soft hyphen or a no-break space are found', async () => {
  const p = await playground();
  const found = await scanPasted(p.page, 'Kits made by BGI Ge\u00ADnomics ship today.\n\nA reviewer praised BGI\u00A0Genomics again.');
  assert.deepEqual(found, ['bgi-genomics']);
  const marks = await p.page.$$eval('#output mark.hit', (m) => m.map((x) => x.textContent));
  assert.deepEqual(marks, ['BGI Ge\u00ADnomics', 'BGI\u00A0Genomics']);
  assert.match(await p.page.textContent('#summary-body tr td.num'), /^2$/);
  await finish(p);
});

test('playground: pasted HTML is read as text and never runs or loads anything', async () => {
  const p = await playground();
  const html = '<img src="https://tracker.example/pixel.gif" onerror="window.__ran = 1">'
    + '<script>window.__ran = 2</script><link rel="stylesheet" href="https://cdn.example/x.css">'
    + '<p style="color:red">Sequencers from <b>MGI</b> Tech</p><style>p { color: red }</style>';
  const found = await scanPasted(p.page, html);
  assert.deepEqual(found, ['mgi-tech']);
  assert.equal(await p.page.evaluate(() => window.__ran), undefined, 'no pasted script or handler ran');
  assert.equal(await p.page.$$eval('#output img, #output script, #output link, #output style, #output b', (n) => n.length), 0);
  assert.equal(await p.page.textContent('#output'), 'Sequencers from MGI Tech');
  await finish(p);
});

test('playground: an opened or dropped file is scanned locally', async () => {
  const p = await playground();
  const { page } = p;
  await page.setInputFiles('#file', join(root, 'examples/news-article.txt'));
  await page.waitForFunction(() => document.body.dataset.state === 'scanned');
  assert.deepEqual(await page.$$eval('#summary-body tr', (r) => r.map((x) => x.dataset.entity)), ['mps-ifs']);
  const html = readFileSync(join(root, 'examples/press-release.html'), 'utf8');
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'release.html', { type: 'text/html' }));
    document.getElementById('output').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, html);
  await page.waitForFunction(() => document.querySelector('#summary-body tr[data-entity="complete-genomics"]'));
  assert.deepEqual(await page.$$eval('#summary-body tr', (r) => r.map((x) => x.dataset.entity).sort()), ['complete-genomics', 'mgi-tech']);
  await finish(p);
});

test('directory: every catalog entity, tier filter, English and Chinese search, stable URLs', async () => {
  const catalog = JSON.parse(readFileSync(join(root, 'data/catalog.json'), 'utf8'));
  const p = await openPage(site, 'directory.html');
  const { page } = p;
  await page.waitForSelector('body[data-state="ready"]');
  const visibleIds = () => page.$$eval('#entities > article.entry', (a) => a.filter((x) => !x.hidden).map((x) => x.id).sort());
  assert.deepEqual(await visibleIds(), catalogIds());
  // Each entry carries its card content: a summary and sources.
  const withSources = await page.$$eval('#entities article.entry', (a) => a.filter((x) => x.querySelector('.bf-sources li')).length);
  assert.equal(withSources, catalog.entities.length);

  const formerly = catalog.entities.filter((e) => e.tier === 'formerly-designated').map((e) => e.id).sort();
  assert.ok(formerly.length > 0);
  await page.check('#tier-filter input[value="formerly-designated"]');
  assert.deepEqual(await visibleIds(), formerly);
  await page.check('#tier-filter input[value="all"]');

  await page.fill('#search', '华大基因');
  assert.ok((await visibleIds()).includes('bgi-genomics'));
  assert.ok(!(await visibleIds()).includes('wuxi-apptec'));
  await page.fill('#search', 'wuxi');
  assert.deepEqual(await visibleIds(), ['wuxi-apptec']);
  await page.press('#search', 'Enter'); // must not submit/navigate
  assert.match(await page.textContent('#count'), /Showing 1 of 15|Showing 1 of \d+/);
  await page.fill('#search', '');

  // A stable URL per entity, also when a filter hides it.
  await page.check('#tier-filter input[value="formerly-designated"]');
  await page.goto(new URL('directory.html#bgi-genomics', site.url).href);
  await page.waitForSelector('body[data-state="ready"]');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'bgi-genomics');
  assert.equal(await page.locator('#bgi-genomics').isVisible(), true);
  const top = await page.evaluate(() => document.getElementById('bgi-genomics').getBoundingClientRect().top);
  assert.ok(top >= 0 && top < 900, `the entry is scrolled into view (top ${top})`);
  await finish(p);
});

test('methodology and install pages state the catalog facts and link the packages', async () => {
  const catalog = JSON.parse(readFileSync(join(root, 'data/catalog.json'), 'utf8'));
  const m = await openPage(site, 'methodology.html');
  const text = await m.page.textContent('main');
  assert.match(text, new RegExp(`catalog version ${catalog.version.replace(/\./g, '\\.')}`));
  for (const l of catalog.lists) assert.ok(text.includes(l.name), l.name);
  for (const s of catalog.sources) assert.ok(text.includes(s.title), s.id);
  assert.match(text, /120 characters/);
  assert.match(text, /Reporting a false positive/);
  assert.ok(await m.page.locator('#privacy').isVisible());
  await finish(m);

  const i = await openPage(site, 'install.html');
  const zips = existsSync(join(root, 'extension/dist')) ? readdirSync(join(root, 'extension/dist')).filter((f) => f.endsWith('.zip')) : [];
  const built = existsSync(join(root, 'www/dist/downloads'));
  if (built) {
    const links = await i.page.$$eval('#downloads a', (a) => a.map((x) => x.getAttribute('href')));
    assert.ok(links.length > 0 && links.length === zips.length, 'every built zip is linked');
    const r = await fetch(new URL(links[0], site.url));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/zip');
  } else {
    assert.ok(await i.page.locator('#no-downloads').isVisible(), 'says how to build the packages');
  }
  assert.match(await i.page.textContent('main'), /Load unpacked/);
  assert.match(await i.page.textContent('main'), /Load Temporary Add-on/);
  await finish(i);
});

test('accessibility: axe-core finds no violations on any page, light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    const p = await playground({ colorScheme: scheme });
    await loadExample(p.page, 'supplier-table.html');
    await p.page.locator('#output mark.hit').first().focus();
    await p.page.locator('#card-popover .bf-card').waitFor({ state: 'visible' });
    assert.deepEqual(await axeViolations(p.page), [], `playground with a card (${scheme})`);
    await finish(p);
    for (const path of ['directory.html', 'methodology.html', 'install.html']) {
      const q = await openPage(site, path, { colorScheme: scheme });
      if (path === 'directory.html') await q.page.waitForSelector('body[data-state="ready"]');
      assert.deepEqual(await axeViolations(q.page), [], `${path} (${scheme})`);
      await finish(q);
    }
  }
});

test('keyboard and layout: skip link first, visible focus, phone width without sideways scroll, dark scheme', async () => {
  for (const path of ['', 'directory.html', 'methodology.html', 'install.html']) {
    const p = await openPage(site, path, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await p.page.waitForLoadState('load');
    await p.page.keyboard.press('Tab');
    assert.equal(await p.page.evaluate(() => document.activeElement.className), 'skip-link', `${path}: skip link first`);
    const outline = await p.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', `${path}: focus is visible`);
    if (path === '') {
      await p.page.waitForSelector('body[data-state="ready"]');
      await loadExample(p.page, 'supplier-table.html');
    }
    const overflow = await p.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (path === '') await p.page.screenshot({ path: join(screenshots, 'playground-phone.png') });
    assert.ok(overflow <= 0, `${path}: ${overflow}px wider than a phone screen`);
    await finish(p);
  }
  const light = await openPage(site, 'methodology.html', { colorScheme: 'light' });
  const dark = await openPage(site, 'methodology.html', { colorScheme: 'dark' });
  const bg = (q) => q.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(light), 'rgb(255, 255, 255)');
  assert.notEqual(await bg(dark), await bg(light));
  await finish(light);
  await finish(dark);
});

/** Where the card's first screen (names, listings, who, first response) ends, against the card's visible box. */
function firstScreen() {
  const card = document.querySelector('#card-popover .bf-card');
  const first = card.querySelector('.bf-responses > li') || card.querySelector('.bf-no-response') || card.querySelector('.bf-first');
  const box = card.getBoundingClientRect();
  return {
    entity: card.dataset.entity,
    lang: card.lang,
    scrollTop: card.scrollTop,
    firstBottom: first.getBoundingClientRect().bottom,
    visibleBottom: box.top + card.clientTop + card.clientHeight,
    cardTop: box.top,
    viewport: window.innerHeight,
  };
}

test('card: the first screen (who, which list, the response) needs no scrolling at 1280×800 and 360×640, light and dark, English and Chinese', async () => {
  const names = ['BGI Genomics', 'MGI Tech', 'WuXi AppTec', 'Institute of Forensic Science of China\'s Ministry of Public Security', 'Novogene', 'Complete Genomics'];
  const sizes = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 640 }]];
  let checked = 0;
  const locales = [['en', 'en-US'], ['zh_CN', 'zh-CN'], ['zh_TW', 'zh-TW']];
  const runs = locales.flatMap((l) => sizes.flatMap((s) => ['light', 'dark'].map((c) => [...l, ...s, c])));
  for (const [tag, locale, device, viewport, colorScheme] of runs) {
    const p = await playground({ viewport, colorScheme, locale });
    const { page } = p;
    await scanPasted(page, names.map((n) => `${n} sells DNA sequencing services.`).join('\n\n'));
    for (const name of names) {
      const mark = page.locator('#output mark.hit', { hasText: name }).first();
      await mark.scrollIntoViewIfNeeded();
      await mark.click();
      const card = page.locator('#card-popover .bf-card');
      await card.waitFor({ state: 'visible' });
      const f = await page.evaluate(firstScreen);
      if (['bgi-genomics', 'mps-ifs', 'wuxi-apptec'].includes(f.entity)) {
        await card.screenshot({ path: join(screenshots, `card-${f.entity}-${device}-${colorScheme}-${tag}.png`) });
      }
      const where = `${f.entity} ${tag} ${device} ${colorScheme}`;
      assert.equal(f.lang, locale === 'en-US' ? 'en' : locale, `${where}: the card's labels are in the page's language`);
      assert.equal(f.scrollTop, 0, where);
      assert.ok(f.firstBottom <= f.visibleBottom + 0.5, `${where}: the first screen ends at ${f.firstBottom}, the card shows up to ${f.visibleBottom}`);
      assert.ok(f.cardTop >= 0 && f.firstBottom <= f.viewport, `${where}: the first screen is inside the window (${f.cardTop}..${f.firstBottom} of ${f.viewport})`);
      checked++;
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'detached' });
      // Off the marks: the next scroll must not slide another mark under a resting pointer,
      // whose hover would open that card over the next click.
      await page.mouse.move(0, 0);
    }
    await finish(p);
  }
  assert.equal(checked, 72);
});
