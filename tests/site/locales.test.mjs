// The extension's messages (extension/src/_locales/*/messages.json, read by browser.i18n): the
// English file says what the card's built-in English says, and every translation has every
// message with the same substitutions.
// Run: node --test tests/site/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '../../..');
await import(join(root, 'extension/src/shared/fill.js'));
await import(join(root, 'extension/src/ui/card.js'));
const { MESSAGES, messageKey } = globalThis.bioflagCard;
const { fill, messageText } = globalThis.bioflagFill;
const read = (locale) => JSON.parse(readFileSync(join(root, 'extension/src/_locales', locale, 'messages.json'), 'utf8'));

/** A message as browser.i18n.getMessage returns it, with `subs` substituted. */
const resolve = (entry, subs) => fill(messageText(entry), subs);

test('locales: English messages.json says what the card says', () => {
  const en = read('en');
  for (const [key, text] of Object.entries(MESSAGES)) {
    const entry = en[messageKey(key)];
    assert.ok(entry, `en has ${key}`);
    assert.equal(resolve(entry, ['A', 'B', 'C']), fill(text, ['A', 'B', 'C']), key);
  }
});

test('locales: Simplified and Traditional Chinese have every message and every substitution', () => {
  const en = read('en');
  for (const locale of ['zh_CN', 'zh_TW']) {
    const zh = read(locale);
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), locale);
    for (const [key, entry] of Object.entries(en)) {
      const out = resolve(zh[key], ['«1»', '«2»', '«3»']);
      for (const n of ['1', '2', '3']) {
        assert.equal(out.includes(`«${n}»`), resolve(entry, ['«1»', '«2»', '«3»']).includes(`«${n}»`), `${locale} ${key} substitution $${n}`);
      }
      assert.match(out, /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]|^bioflag$/, `${locale} ${key} is translated`);
    }
  }
  assert.equal(resolve(read('zh_TW').cardReported, []), '報導內容');
});

/** Every message key a page's script asks for: t('key'...) and the keys it keeps in tables. */
function keysUsedBy(source) {
  return [...source.matchAll(/\bt\(\s*'([A-Za-z]+)'|'((?:popup|options)[A-Z][A-Za-z]+)'/g)].map((m) => m[1] || m[2]);
}

test('locales: the popup and options pages use only messages that exist, and their HTML English is the English message', () => {
  const en = read('en');
  for (const page of ['popup/popup', 'options/options']) {
    const js = readFileSync(join(root, 'extension/src', `${page}.js`), 'utf8');
    const used = keysUsedBy(js);
    assert.ok(used.length > 5, `${page}.js uses messages`);
    for (const key of used) assert.ok(en[key], `${page}.js: en has ${key}`);
    const html = readFileSync(join(root, 'extension/src', `${page}.html`), 'utf8');
    const marked = [...html.matchAll(/data-i18n="([A-Za-z]+)"[^>]*>([^<]*)</g)];
    assert.ok(marked.length > 3, `${page}.html marks its labels`);
    for (const [, key, english] of marked) assert.equal(en[key]?.message, english, `${page}.html ${key}`);
    // The page's module imports i18n.js (or the page loads it as a script of its own).
    assert.ok(/src="\.\.\/shared\/i18n\.js"/.test(html) || /^import '\.\.\/shared\/i18n\.js';$/m.test(js), `${page} loads i18n.js`);
  }
});
