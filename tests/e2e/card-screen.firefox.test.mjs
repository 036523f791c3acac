// The extension's card in Firefox ESR, in English and in Simplified and Traditional Chinese
// (intl.locale.requested with Debian's language packs): its first screen needs no scrolling
// inside the card at desktop (1280×800) and phone (360×640) size, light and dark, for a mention
// in the middle of the window. The screenshots land in tests/e2e/screenshots, one per entity,
// size, scheme and language.   node --test tests/e2e/card-screen.firefox.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { By, Origin } from 'selenium-webdriver';
import { startServer } from './server.mjs';
import { launchFirefox } from './browsers.mjs';
import { READ_STATE, until, idleState, screenshots, repoPath } from './harness.mjs';

const message = (locale, key) => JSON.parse(readFileSync(repoPath('extension/src/_locales', locale, 'messages.json'), 'utf8'))[key].message;
/** Paragraphs of the fixture, by the entity they mention. */
const MENTIONS = ['bgi-genomics', 'mps-ifs', 'wuxi-apptec'];
const SIZES = [['desktop', { width: 1280, height: 800 }], ['phone', { width: 360, height: 640 }]];
/** layout.css.prefers-color-scheme.content-override: what pages see as the system scheme. */
const SCHEMES = [['light', 1], ['dark', 0]];

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.close();
});

async function setPref(driver, name, value) {
  await driver.setContext('chrome');
  try {
    await driver.executeScript('Services.prefs.setIntPref(arguments[0], arguments[1])', name, value);
  } finally {
    await driver.setContext('content');
  }
}

/** Firefox keeps windows at least 500 px wide: a phone's 360 px come from zooming the page. */
const MIN_WINDOW = 500;
const zoomFor = ({ width }) => Math.max(1, MIN_WINDOW / width);

async function setZoom(driver, zoom) {
  await driver.setContext('chrome');
  try {
    await driver.executeScript('ZoomManager.setZoomForBrowser(gBrowser.selectedBrowser, arguments[0])', zoom);
  } finally {
    await driver.setContext('content');
  }
}

/**
 * Gives the page (already loaded) a `width`×`height` CSS-pixel viewport: the page zoom a phone's
 * device pixel ratio would give, then the window sized around it (its frame counts too).
 */
async function setViewport(driver, { width, height }) {
  await setZoom(driver, zoomFor({ width }));
  for (let i = 0; i < 4; i++) {
    const [w, h, ratio] = await driver.executeScript('return [innerWidth, innerHeight, devicePixelRatio]');
    if (w === width && h === height) return;
    const rect = await driver.manage().window().getRect();
    await driver.manage().window().setRect({ width: Math.round(rect.width + (width - w) * ratio), height: Math.round(rect.height + (height - h) * ratio) });
  }
  assert.deepEqual(await driver.executeScript('return [innerWidth, innerHeight]'), [width, height], 'the viewport has the size asked for');
}

async function cardOf(driver, id) {
  const state = () => driver.executeScript(READ_STATE);
  await driver.actions().move({ origin: Origin.VIEWPORT, x: 0, y: 0 }).perform();
  await until(async () => !(await state()).card, 3000, 'no card open');
  // Pointed at through the element (its name in a <span>): WebDriver's viewport coordinates
  // are not the zoomed page's CSS pixels.
  const mention = await driver.findElement(By.css(`#${id} > span`));
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", mention);
  await driver.actions().move({ origin: mention }).perform();
  return (await until(async () => { const s = await state(); return s.card && s; }, 4000, `card of ${id}`)).card;
}

async function run(tag, prefs, expect) {
  const { driver } = await launchFirefox({ server, prefs });
  let checked = 0;
  try {
    for (const [device, viewport] of SIZES) {
      for (const [scheme, override] of SCHEMES) {
        await setPref(driver, 'layout.css.prefers-color-scheme.content-override', override);
        await driver.get(`${server.origin}/pages/cards.html`);
        await setViewport(driver, viewport);
        assert.equal(await driver.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"), scheme === 'dark');
        await idleState(() => driver.executeScript(READ_STATE), { test: (s) => new Set(s.matches.map((m) => m.id)).size === 6 });
        for (const id of MENTIONS) {
          const card = await cardOf(driver, id);
          assert.equal(card.entity, id);
          expect(card);
          const f = card.firstScreen;
          const where = `${tag} ${id} ${device} ${scheme}`;
          assert.equal(f.scrollTop, 0, where);
          assert.ok(f.firstBottom <= f.visibleBottom + 0.5, `${where}: the first screen ends at ${f.firstBottom}, the card shows up to ${f.visibleBottom}`);
          assert.ok(f.cardTop >= 0 && f.visibleBottom <= f.viewport, `${where}: the card is inside the window (${f.cardTop}..${f.visibleBottom} of ${f.viewport})`);
          writeFileSync(join(screenshots, `firefox-card-${id}-${device}-${scheme}-${tag}.png`), await driver.takeScreenshot(), 'base64');
          checked++;
        }
      }
    }
  } finally {
    await driver.quit();
  }
  assert.equal(checked, 12);
}

test('English: first screens fit at desktop and phone size, light and dark', async () => {
  await run('en', { 'intl.locale.requested': 'en-US' }, (card) => {
    assert.ok(card.text.includes(message('en', 'cardMeaning')), card.text);
  });
});

test('Simplified Chinese: first screens fit; Chinese labels, simplified names', async () => {
  await run('zh_CN', { 'intl.locale.requested': 'zh-CN' }, (card) => {
    assert.ok(card.text.includes(message('zh_CN', 'cardMeaning')), card.text.slice(0, 300));
    if (card.entity === 'bgi-genomics') assert.ok(card.text.includes('深圳华大基因股份有限公司'));
  });
});

test('Traditional Chinese: first screens fit; Chinese labels, traditional names', async () => {
  await run('zh_TW', { 'intl.locale.requested': 'zh-TW' }, (card) => {
    assert.ok(card.text.includes(message('zh_TW', 'cardMeaning')), card.text.slice(0, 300));
    if (card.entity === 'bgi-genomics') assert.ok(card.text.includes('深圳華大基因股份有限公司'), card.text);
    if (card.entity === 'mps-ifs') assert.ok(card.text.includes('公安部物證鑑定中心'), card.text);
  });
});
