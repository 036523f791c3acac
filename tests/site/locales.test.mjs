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
await import(join(root, 'extension/src/ui/card.js'));
const { MESSAGES, messageKey, fill } = globalThis.bioflagCard;
const read = (locale) => JSON.parse(readFileSync(join(root, 'extension/src/_locales', locale, 'messages.json'), 'utf8'));

/** A message as browser.i18n.getMessage returns it, with `subs` substituted. */
function resolve(entry, subs) {
  return entry.message.replace(/\$([a-z0-9_]+)\$/gi, (m, name) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    assert.ok(content, `placeholder ${name} is defined`);
    return fill(content, subs);
  });
}

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
      assert.match(out, /[\u4e00-\u9fff]|^bioflag$/, `${locale} ${key} is translated`);
    }
  }
  assert.equal(resolve(read('zh_TW').cardReported, []), '報導內容');
});
