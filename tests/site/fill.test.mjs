// The one substitution filler (extension/src/shared/fill.js) that the card's English, the
// website's labels and the site build share: what it does, and that no second copy exists.
// Run: node --test tests/site/fill.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '../../..');
await import(join(root, 'extension/src/shared/fill.js'));
await import(join(root, 'extension/src/ui/card.js'));
const { fill, parts, messageText } = globalThis.bioflagFill;

test('fill: $1..$9 from the substitutions, in any order and repeated; a missing one is empty', () => {
  assert.equal(fill('自 $2 起列入 $1', ['Entity List', '2020-06-05']), '自 2020-06-05 起列入 Entity List');
  assert.equal(fill('$1 and $1', ['x']), 'x and x');
  assert.equal(fill('Sources ($1)', [3]), 'Sources (3)', 'numbers become text');
  assert.equal(fill('$1, $2.', ['a']), 'a, .');
  assert.equal(fill('no substitutions'), 'no substitutions');
  assert.equal(fill('$9', ['1', '2', '3', '4', '5', '6', '7', '8', 'nine']), 'nine');
  // A substitution is inserted as it is, never filled again.
  assert.equal(fill('$1 $2', ['$2', 'b']), '$2 b');
});

test('parts: text and substitution numbers alternating, for putting nodes where the substitutions go', () => {
  assert.deepEqual(parts('$4（一栋大厦）中的$3不会被标出。'), ['', 4, '（一栋大厦）中的', 3, '不会被标出。']);
  assert.deepEqual(parts('no substitutions'), ['no substitutions']);
  assert.deepEqual(parts('$1$2'), ['', 1, '', 2, '']);
});

test('messageText: named placeholders become their content, case-insensitively; an undefined one is an error naming it', () => {
  const entry = { message: 'On the $S1$ since $s2$', placeholders: { s1: { content: '$1' }, s2: { content: '$2' } } };
  assert.equal(messageText(entry), 'On the $1 since $2');
  assert.equal(fill(messageText(entry), ['Entity List', '2023-03-02']), 'On the Entity List since 2023-03-02');
  assert.equal(messageText({ message: 'Close' }), 'Close');
  assert.throws(() => messageText({ message: 'Kept by the $who$.' }), /no placeholder who in “Kept by the \$who\$\.”/);
});

test('the card\'s built-in English is filled by it, looked up when needed', () => {
  const { MESSAGES, evidenceText } = globalThis.bioflagCard;
  const shared = globalThis.bioflagFill;
  const calls = [];
  globalThis.bioflagFill = { fill: (text, subs) => { calls.push(text); return shared.fill(text, subs); } };
  try {
    assert.equal(evidenceText(9), MESSAGES.cardEvidence0, 'an unknown evidence code reads as a name match');
    assert.deepEqual(calls, [MESSAGES.cardEvidence0]);
    globalThis.bioflagFill = undefined;
    assert.throws(() => evidenceText(1), /needs shared\/fill\.js/);
  } finally {
    globalThis.bioflagFill = shared;
  }
});

/** Every JavaScript source of the extension and the site, and the site's build. */
function sources(dir) {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? sources(path) : /\.m?js$/.test(f) ? [path] : [];
  });
}

test('no other file fills $1..$9 or resolves placeholders itself', () => {
  const files = [...sources(join(root, 'extension/src')), ...sources(join(root, 'www/src/js')), join(root, 'www/build.mjs')];
  assert.ok(files.length > 20, `${files.length} files`);
  const own = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (/\\\$\(\\d\)|\\\$\(\[a-z0-9_\]\+\)\\\$/.test(text)) own.push(relative(root, file));
  }
  assert.deepEqual(own, ['extension/src/shared/fill.js']);
});
