// extension/src/content/records.js, the scanner's record store: which records a change or a
// removal drops, duplicates, pending weak records, the cap, and the badge's shown ids, on a
// small stand-in DOM (fake-dom.mjs).
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeDocument } from './fake-dom.mjs';
import '../../extension/src/content/records.js';

const { create, byDocumentOrder } = globalThis.bioflagRecords;

/** A record over text node `node` from `start` to `end`, for entity `id`. */
function record(node, start, end, id = 'bgi-genomics') {
  return { nodes: [{ node, start, end }], entity: 1, id, tier: 'designated', text: node.data.slice(start, end), seq: 0 };
}

/** A document with two paragraphs, each naming somebody, and their records kept. */
function page() {
  const doc = new FakeDocument();
  const body = doc.createElement('body');
  doc.documentElement.append(body);
  const [p1, t1] = doc.paragraph('We buy from BGI Genomics.');
  const [p2, t2] = doc.paragraph('Kits by MGI Tech.');
  body.append(p1, p2);
  const store = create({ doc });
  const r1 = record(t1, 12, 24);
  const r2 = record(t2, 8, 16, 'mgi-tech');
  assert.equal(store.add(r1), true);
  assert.equal(store.add(r2), true);
  return { doc, body, store, p1, p2, t1, t2, r1, r2 };
}

test('the same text found twice is one record; pending records wait for confirm', () => {
  const { store, t1, r1 } = page();
  assert.equal(store.add(record(t1, 12, 24)), false, 'a duplicate');
  assert.equal(store.add(record(t1, 12, 15)), true, 'other text in the same node');
  const weak = record(t1, 12, 15, 'bgi-group');
  weak.entity = 2;
  assert.equal(store.add(weak, { pending: true }), true);
  assert.equal(store.isPending(weak), true);
  assert.ok(!store.confirmed().includes(weak), 'pending records are not painted');
  assert.ok(store.all().includes(weak));
  assert.equal(store.confirm(weak), true);
  assert.ok(store.confirmed().includes(weak));
  assert.equal(store.confirm(r1), false, 'only a pending record is confirmed');
});

test('records under a unit are found from its own text nodes, and only those are dropped', () => {
  const { store, p1, r1, r2 } = page();
  assert.deepEqual([...store.under([p1], 1000)], [r1]);
  assert.equal(store.under([p1], 0), null, 'past the walk budget: null, the caller tests every record');
  assert.deepEqual(store.dropUnder([p1]), [r1]);
  assert.deepEqual(store.all(), [r2]);
});

test('a unit too large to walk falls back to testing each record, with the same result', () => {
  const { doc, body, store, p2, r2 } = page();
  const big = doc.createElement('div');
  for (let i = 0; i < 400; i++) big.append(doc.createTextNode(`filler ${i} `));
  body.append(big);
  big.append(p2); // p2's record is now under a unit with more text nodes than the budget
  assert.equal(store.under([big], 256 + 4 * store.size), null);
  assert.deepEqual(store.dropUnder([big]), [r2]);
  assert.equal(store.size, 1);
});

test('the whole document as a unit drops every record', () => {
  const { doc, store } = page();
  assert.equal(store.dropUnder([doc.documentElement]).length, 2);
  assert.equal(store.size, 0);
});

test('removed nodes: records in them are dropped, records elsewhere and nodes put back are kept', () => {
  const { body, store, p1, p2, r2 } = page();
  p1.remove();
  store.noteRemoved(p1);
  p2.remove();
  store.noteRemoved(p2);
  body.append(p2); // moved, not removed
  const dropped = store.dropRemoved();
  assert.equal(dropped.length, 1);
  assert.equal(dropped[0].id, 'bgi-genomics');
  assert.deepEqual(store.all(), [r2]);
  assert.deepEqual(store.dropRemoved(), [], 'the removals were taken');
});

test('more removals than remembered: every record is checked instead', () => {
  const doc = new FakeDocument();
  const [p1, t1] = doc.paragraph('We buy from BGI Genomics.');
  doc.documentElement.append(p1);
  const store = create({ doc, maxRemoved: 2 });
  store.add(record(t1, 12, 24));
  p1.remove();
  // The removal of p1 itself is not among those remembered.
  for (let i = 0; i < 3; i++) store.noteRemoved(doc.createElement('span'));
  assert.equal(store.dropRemoved().length, 1);
  assert.equal(store.size, 0);
});

test('text moved by our own painting: every record is checked at the next dropRemoved', () => {
  const { store, t2, r1 } = page();
  t2.data = 'Kits'; // shorter than the record's end, as a split of our own leaves it
  store.noteMovedText();
  assert.deepEqual(store.dropRemoved().map((r) => r.id), ['mgi-tech']);
  assert.deepEqual(store.all(), [r1]);
});

test('shown ids count records as they are shown and hidden, and removal hides', () => {
  const { store, t1, r1, r2 } = page();
  const again = record(t1, 0, 2);
  store.add(again);
  for (const r of [r1, r2, again]) store.setShown(r, true);
  store.setShown(r1, true); // twice is once
  assert.deepEqual(store.shownIds().sort(), ['bgi-genomics', 'mgi-tech']);
  store.setShown(r1, false);
  assert.deepEqual(store.shownIds().sort(), ['bgi-genomics', 'mgi-tech'], 'another bgi-genomics record still shows');
  store.remove(again);
  assert.deepEqual(store.shownIds(), ['mgi-tech']);
  store.dropWhere((r) => r === r2);
  assert.deepEqual(store.shownIds(), []);
});

test('records to paint: the new ones once, or every confirmed one', () => {
  const { store, t1, r1, r2 } = page();
  assert.deepEqual(store.takeUnpainted(false), [r1, r2]);
  assert.deepEqual(store.takeUnpainted(false), []);
  const r3 = record(t1, 0, 2);
  store.add(r3);
  store.remove(r3);
  assert.deepEqual(store.takeUnpainted(false), [], 'a record dropped before its paint is not painted');
  assert.deepEqual(store.takeUnpainted(true), [r1, r2]);
});

test('the cap: full once the confirmed records reach it', () => {
  const doc = new FakeDocument();
  const [p, t] = doc.paragraph('BGI BGI BGI');
  doc.documentElement.append(p);
  const store = create({ doc, maxRecords: 2 });
  store.add(record(t, 0, 3));
  store.add(record(t, 4, 7), { pending: true });
  assert.equal(store.full, false, 'pending records do not count');
  store.add(record(t, 8, 11));
  assert.equal(store.full, true);
});

test('clear forgets every record and the removals noted', () => {
  const { store, p1 } = page();
  store.noteRemoved(p1);
  assert.equal(store.clear().length, 2);
  assert.equal(store.size, 0);
  assert.deepEqual(store.shownIds(), []);
  assert.deepEqual(store.dropRemoved(), []);
});

test('document order: across shadow trees, a shadow tree\'s text comes where its host is, before the host\'s children', () => {
  const doc = new FakeDocument();
  const body = doc.createElement('body');
  doc.documentElement.append(body);
  const [before, tBefore] = doc.paragraph('BGI Genomics before');
  const host = doc.createElement('div');
  const slotted = doc.createTextNode('MGI Tech slotted');
  host.append(slotted);
  const [inner, tInner] = doc.paragraph('Complete Genomics inside');
  host.attachShadow().append(inner);
  const innerHost = doc.createElement('span');
  inner.append(innerHost);
  const tDeep = doc.createTextNode('WuXi AppTec deeper');
  innerHost.attachShadow().append(tDeep);
  const [after, tAfter] = doc.paragraph('BGI Group after');
  body.append(before, host, after);
  const [r1, r2, r3, r4, r5, r6] = [record(tBefore, 0, 3), record(tBefore, 4, 12), record(tInner, 0, 8), record(tDeep, 0, 4), record(slotted, 0, 3), record(tAfter, 0, 3)];
  const expected = [r1, r2, r3, r4, r5, r6];
  for (const shuffled of [[r6, r5, r4, r3, r2, r1], [r4, r1, r6, r3, r5, r2], [r5, r3, r1, r6, r2, r4]]) {
    assert.deepEqual(shuffled.sort(byDocumentOrder).map((r) => r.text), expected.map((r) => r.text));
  }
});
