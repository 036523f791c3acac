// The extension's card in Chromium, in English, Simplified and Traditional Chinese: its first
// screen (names, the listings in plain words, the first response) needs no scrolling inside the
// card in a 1280×800 window and a 360×640 phone viewport, light and dark, for a mention in the
// middle of the window, where neither side of it has room for the whole card. Screenshots of
// each land in tests/e2e/screenshots.   node --test tests/e2e/card-screen.chromium.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { testExtension, READ_STATE, until, idleState, screenshots, repoPath } from './harness.mjs';

const message = (locale, key) => JSON.parse(readFileSync(repoPath('extension/src/_locales', locale, 'messages.json'), 'utf8'))[key].message;

/** The fixture's paragraphs, by the entity whose name (in a <span>) each holds. */
const MENTIONS = ['bgi-genomics', 'mgi-tech', 'wuxi-apptec', 'mps-ifs', 'novogene', 'complete-genomics'];
const SIZES = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 640 }]];

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.close();
});

/** Chromium with its interface in `locale` (Linux Chromium takes it from LANGUAGE). */
function launch(locale) {
  const posix = locale.replace('-', '_');
  return launchChromiumWith({
    server,
    dir: testExtension('chromium'),
    locale,
    env: { ...process.env, LANGUAGE: posix, LANG: `${posix}.UTF-8` },
    args: [`--lang=${locale}`],
  });
}

/** Hovers the mention in paragraph `id`, scrolled to the middle of the window; returns the card. */
async function cardOf(page, id) {
  const read = () => page.evaluate(`(() => {${READ_STATE}})()`);
  await page.mouse.move(1, 1);
  await until(async () => !(await read()).card, 3000, 'no card open');
  const at = await page.evaluate((pid) => {
    const name = document.querySelector(`#${pid} > span`);
    name.scrollIntoView({ block: 'center' });
    const b = name.getClientRects()[0];
    return { x: b.x + Math.min(b.width / 2, 30), y: b.y + b.height / 2 };
  }, id);
  await page.mouse.move(at.x, at.y, { steps: 2 });
  return (await until(async () => { const s = await read(); return s.card && s; }, 4000, `card of ${id}`)).card;
}

/** Checks every card at both sizes, light and dark; returns how many were checked. */
async function checkFirstScreens(browser, tag, { expect = () => {} } = {}) {
  const page = await browser.ctx.newPage();
  let checked = 0;
  for (const [device, viewport] of SIZES) {
    for (const colorScheme of ['light', 'dark']) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.origin}/pages/cards.html`);
      await idleState(() => page.evaluate(`(() => {${READ_STATE}})()`), { test: (s) => new Set(s.matches.map((m) => m.id)).size === 6 });
      for (const id of MENTIONS) {
        const card = await cardOf(page, id);
        assert.equal(card.entity, id);
        expect(card);
        const f = card.firstScreen;
        const where = `${tag} ${id} ${device} ${colorScheme}`;
        assert.equal(f.scrollTop, 0, where);
        assert.ok(f.firstBottom <= f.visibleBottom + 0.5, `${where}: the first screen ends at ${f.firstBottom}, the card shows up to ${f.visibleBottom}`);
        assert.ok(f.cardTop >= 0 && f.visibleBottom <= f.viewport, `${where}: the card is inside the window (${f.cardTop}..${f.visibleBottom} of ${f.viewport})`);
        if (['bgi-genomics', 'mps-ifs', 'wuxi-apptec'].includes(id)) {
          await page.screenshot({ path: join(screenshots, `chromium-card-${id}-${device}-${colorScheme}-${tag}.png`) });
        }
        checked++;
      }
    }
  }
  await page.close();
  return checked;
}

test('English interface: every first screen fits at 1280×800 and 360×640, light and dark', async () => {
  const browser = await launch('en-US');
  try {
    const n = await checkFirstScreens(browser, 'en', {
      expect: (card) => assert.ok(card.text.includes(message('en', 'cardMeaning')), card.text),
    });
    assert.equal(n, 24);
  } finally {
    await browser.ctx.close();
  }
});

test('Simplified Chinese interface: every first screen fits; labels Chinese, names simplified', async () => {
  const browser = await launch('zh-CN');
  try {
    const n = await checkFirstScreens(browser, 'zh_CN', {
      expect: (card) => {
        assert.ok(card.text.includes(message('zh_CN', 'cardMeaning')), `Chinese labels: ${card.text.slice(0, 200)}`);
        if (card.entity === 'bgi-genomics') assert.ok(card.text.includes('深圳华大基因股份有限公司'));
      },
    });
    assert.equal(n, 24);
  } finally {
    await browser.ctx.close();
  }
});

test('Traditional Chinese interface: every first screen fits; the Chinese names are traditional', async () => {
  const browser = await launch('zh-TW');
  try {
    const n = await checkFirstScreens(browser, 'zh_TW', {
      expect: (card) => {
        assert.ok(card.text.includes(message('zh_TW', 'cardMeaning')), `Chinese labels: ${card.text.slice(0, 200)}`);
        if (card.entity === 'bgi-genomics') assert.ok(card.text.includes('深圳華大基因股份有限公司') && !card.text.includes('深圳华大'), card.text);
        if (card.entity === 'mps-ifs') assert.ok(card.text.includes('公安部物證鑑定中心'), card.text);
        if (card.entity === 'wuxi-apptec') assert.ok(card.text.includes('無錫藥明康德新藥開發股份有限公司'), card.text);
      },
    });
    assert.equal(n, 24);
  } finally {
    await browser.ctx.close();
  }
});
