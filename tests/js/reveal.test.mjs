// extension/src/content/reveal.js, the scanner's reveal watcher: which hidden elements a
// visibility attribute change queues for a rescan, and what it forgets, with stand-ins for the
// elements and the element model.
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../extension/src/content/reveal.js';

const { create } = globalThis.bioflagReveal;

/** An element stand-in: `shows` is what rendersText says, `inline` elements rescan their `block`. */
function el(name, { parent = null, shows = false, inline = false, block = null, skipped = false } = {}) {
  return {
    name, parent, shows, inline, block, skipped, isConnected: true,
    contains(other) {
      for (let n = other; n; n = n.parent) if (n === this) return true;
      return false;
    },
  };
}

const blocks = {
  isInline: (e) => e.inline,
  blockOf: (e) => e.block,
  insideSkipped: (e) => e.skipped,
  rendersText: (e) => e.shows,
};

function watcher(options = {}) {
  const queued = [];
  const reveal = create({ queue: (u) => queued.push(u.name), blocks, ...options });
  return { reveal, queued };
}

test('nothing hidden: attribute changes are not worth a flush', () => {
  const { reveal } = watcher();
  assert.equal(reveal.onAttributeChange(el('div')), false);
  assert.equal(reveal.pending, false);
});

test('a change on an ancestor that shows hidden text queues its block; text still hidden waits for the next change', () => {
  const { reveal, queued } = watcher();
  const menu = el('menu');
  const item = el('item', { parent: menu });
  const word = el('word', { parent: menu, inline: true, block: menu });
  const elsewhere = el('elsewhere', { shows: true });
  for (const e of [item, word, elsewhere]) reveal.onHidden(e);
  assert.equal(reveal.onAttributeChange(menu), true);
  assert.equal(reveal.pending, true);
  word.shows = true; // the menu opened: its inline word shows, the item is still hidden
  reveal.look();
  assert.deepEqual(queued, ['menu'], 'the inline element rescans its block; elsewhere was not changed');
  assert.equal(reveal.pending, false);
  assert.equal(reveal.hiddenCount, 2, 'the item and the other element are still remembered');
  item.shows = true;
  reveal.onAttributeChange(item);
  reveal.look();
  assert.deepEqual(queued, ['menu', 'item']);
  assert.equal(reveal.hiddenCount, 1);
});

test('hidden elements inside skipped ones, and removed ones, are never queued', () => {
  const { reveal, queued } = watcher();
  const root = el('root');
  const inScript = el('in-script', { parent: root, shows: true, skipped: true });
  const removed = el('removed', { parent: root, shows: true });
  reveal.onHidden(inScript);
  reveal.onHidden(removed);
  removed.isConnected = false;
  reveal.onAttributeChange(root);
  reveal.look();
  assert.deepEqual(queued, []);
  assert.equal(reveal.hiddenCount, 1, 'the removed element is forgotten');
});

test('past the checks a flush may make, the changed elements themselves are rescanned', () => {
  const { reveal, queued } = watcher({ maxChecks: 3 });
  for (let i = 0; i < 2; i++) reveal.onHidden(el(`hidden ${i}`));
  const a = el('a');
  const b = el('b', { inline: true, block: el('block of b') });
  reveal.onAttributeChange(a);
  reveal.onAttributeChange(b);
  reveal.look();
  assert.deepEqual(queued, ['a', 'block of b']);
});

test('remembered hidden elements are capped; clear forgets them and the changes', () => {
  const { reveal } = watcher({ maxHidden: 2 });
  for (let i = 0; i < 5; i++) reveal.onHidden(el(`hidden ${i}`));
  assert.equal(reveal.hiddenCount, 2);
  reveal.onAttributeChange(el('x'));
  reveal.clear();
  assert.equal(reveal.hiddenCount, 0);
  assert.equal(reveal.pending, false);
});
