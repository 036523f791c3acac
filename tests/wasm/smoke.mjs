// Node smoke test of the optimised wasm (catches a broken wasm-opt or glue mismatch) and of the
// JS-facing contract: encodeInto into WASM memory, many segments per call, flat Uint32Array
// results in UTF-16 offsets, card data, structured list errors.
// Run: node tests/wasm/smoke.mjs   (after scripts/build-wasm.sh)
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import init, { Engine, checkList, constants } from '../../build/wasm/web/bioflag.js';

const wasmPath = new URL('../../build/wasm/web/bioflag_bg.wasm', import.meta.url);
const exports = await init({ module_or_path: readFileSync(wasmPath) });

const FIELDS = constants().recordFields;
const encoder = new TextEncoder();

/** Scans `segments` and returns [{segment, text, id, evidence}]. */
function scan(engine, segments, entities) {
  let capacity = 0;
  for (const s of segments) capacity += s.length * 3;
  const ptr = engine.input(capacity);
  // Views must be made after `input`, which may grow memory.
  const memory = new Uint8Array(exports.memory.buffer, ptr, capacity);
  const lengths = new Uint32Array(segments.length);
  let at = 0;
  segments.forEach((s, i) => {
    const { written } = encoder.encodeInto(s, memory.subarray(at));
    lengths[i] = written;
    at += written;
  });
  const flat = engine.scan(lengths, false);
  assert.ok(flat instanceof Uint32Array, 'scan returns a Uint32Array');
  assert.equal(flat.length % FIELDS, 0);
  const out = [];
  for (let i = 0; i < flat.length; i += FIELDS) {
    const [seg, start, end, entity, , evidence] = flat.subarray(i, i + FIELDS);
    out.push({ segment: seg, text: segments[seg].slice(start, end), id: entities[entity].id, evidence });
  }
  return out;
}

const engine = new Engine([]);
const entities = engine.entities();
assert.ok(entities.length >= 15, 'built-in catalog has its entities');

const found = scan(engine, [
  '😀 A DNA test kit manufactured by BGI Genomics Co., Ltd. 👍',
  'Fly into BGI, Barbados.',
  'The hospital is partnering with Complete Genomics; 华大基因 too.',
  'the McKinsey Global Institute (MGI) estimates',
], entities);
assert.deepEqual(found.map((f) => [f.segment, f.text, f.id]), [
  [0, 'BGI Genomics Co., Ltd.', 'bgi-genomics'],
  [2, 'Complete Genomics', 'complete-genomics'],
  [2, '华大基因', 'bgi-genomics'],
]);

const index = entities.findIndex((e) => e.id === 'bgi-genomics');
const card = engine.card(index);
assert.equal(card.id, 'bgi-genomics');
assert.ok(card.responses.some((r) => /denies/.test(r.text)), 'BGI card carries the denial');
assert.ok(card.sources.every((s) => s.url === null || s.url === undefined || s.url.startsWith('https://')));

assert.equal(checkList('{"schema":1,"name":"x","entities":[]}', 'ok.json'), null);
const bad = checkList('{"schema": 1, "name": "x",\n "entities": [\n  {"id": "a", "name": "Acme", "aliases": [{"text": "A"}]}\n ]}', 'bad.json');
assert.equal(bad.list, 'bad.json');
assert.equal(bad.errors[0].line, 3);
assert.equal(bad.errors[0].field, 'entities[0].aliases[0].text');

assert.throws(() => new Engine([{ name: 'broken.json', text: '{"schema": 1, "name": ' }]), (e) => e.list === 'broken.json' && e.errors[0].line === 1);
const withList = new Engine([{ name: 'mine', text: '{"schema":1,"name":"Mine","entities":[{"id":"acme","name":"Acme Widgets Ltd"}]}' }]);
const all = withList.entities();
assert.deepEqual(scan(withList, ['Buy from Acme Widgets today'], all).map((f) => f.id), ['acme']);

const info = engine.info();
assert.equal(info.automaton, 'DFA', 'the automaton is named (not formatted by a stubbed-out Debug impl)');
console.log(`wasm smoke test ok: ${info.entities} entities, ${info.patterns} patterns, ${info.automaton}, catalog ${info.version}`);

// The SIMD prefilter (simd128, only in the wasm build) must never hide a match: scan texts with
// names at every offset of a 16-byte lane, in every form folding accepts, with and without it.
const forms = ['BGI Genomics', 'bgi genomics', 'ＢＧＩ Genomics', 'B\u00adGI Genomics', 'BGI\u200b Genomics',
  'WuXi AppTec', '华大基因', 'Forensic Genomics International', 'MGI’s DNBSEQ-T7 sequencer', 'K\u212aX'];
const filler = 'the quick brown fox — “quoted” café text and more words here. ';
const texts = [];
for (const form of forms) {
  // A space before the name: glued to a cut-off word it would (rightly) not match.
  for (let offset = 0; offset < 40; offset++) texts.push(filler.slice(0, offset) + ' ' + form + ' ' + filler);
}
// Blocks shorter than a SIMD step, empty ones, and names cut across two blocks (found by
// neither engine): the prefilter runs once over all blocks back to back.
texts.push('', 'BGI', ' MGI Tech', '', 'WuXi Ap', 'pTec', 'BGI Geno', 'mics', 'x', '华大基因', '');
const plain = new Engine([]);
plain.disablePrefilter();
// A new document: the first one defined MGI as the McKinsey Global Institute.
engine.resetDocument();
const filtered = scan(engine, texts, entities);
const unfiltered = scan(plain, texts, entities);
assert.deepEqual(filtered, unfiltered, 'the prefilter changes no result');
assert.ok(filtered.length >= (forms.length - 1) * 40, `names found in every position (${filtered.length})`);
console.log(`prefilter agrees with the unfiltered engine on ${texts.length} texts (${filtered.length} matches)`);

// Hostile lists through the Engine constructor: 100,000-deep JSON in every format is
// an error naming the list, not a stack overflow on WASM's 1 MB stack; a list over the size
// limit says so. The engine built before keeps working.
const deep = '['.repeat(100000) + ']'.repeat(100000);
for (const text of [
  deep,
  `{"schema": 1, "name": "x", "entities": ${deep}}`,
  `{"schema": 1, "name": "x", "entities": [{"id": "a", "name": "Deep Genomics", "aliases": ${deep}}]}`,
  `{"results": [{"name": "Deep Genomics", "alt_names": ${deep}}]}`,
  `{"id": "a", "schema": "Company", "properties": {"name": ${deep}}}`,
]) {
  assert.throws(() => new Engine([{ name: 'deep.json', text }]),
    (e) => e.list === 'deep.json' && e.errors.length > 0 && e.errors.every((x) => x.line >= 1 && x.column >= 1));
  assert.ok(checkList(text, 'deep.json').errors.length > 0);
}
const huge = ' '.repeat(64 * 1024 * 1024 + 1);
assert.throws(() => new Engine([{ name: 'huge.json', text: huge }]),
  (e) => e.errors[0].kind === 'limit' && /64 MB/.test(e.errors[0].message));
assert.deepEqual(scan(withList, ['Buy from Acme Widgets today'], all).map((f) => f.id), ['acme']);
console.log('deeply nested and oversized lists refused with located errors');

// A page scanned in two calls, its document facts carried by the caller: the acronym defined
// as something else in the first part rules out the bare acronym in the second, and an earlier
// match confirmed by context is ruled out once the facts say so (resolve).
const fresh = new Engine([]);
const freshEntities = fresh.entities();
fresh.setDocument(new Uint32Array(0));
assert.deepEqual(scan(fresh, ['Mouse Genome Informatics (MGI) curates mouse genes.'], freshEntities), []);
const facts = fresh.documentFacts();
assert.ok(facts.length > 0, 'a definition is a document fact');
fresh.setDocument(new Uint32Array(0));
const before = scan(fresh, ['MGI researchers sequence DNA.'], freshEntities);
assert.deepEqual(before.map((f) => f.id), ['mgi-tech'], 'without the facts, context confirms MGI');
fresh.setDocument(facts);
assert.deepEqual(scan(fresh, ['MGI researchers sequence DNA.'], freshEntities), []);
const mgi = freshEntities.findIndex((e) => e.id === 'mgi-tech');
const strong = freshEntities.findIndex((e) => e.id === 'bgi-genomics');
// The bare acronym's alias index, looked up rather than assumed (the catalog grows).
const mgiAlias = [...Array(64).keys()].find((j) => fresh.aliasText(mgi, j) === 'MGI');
assert.ok(mgiAlias !== undefined, 'mgi-tech has the alias MGI');
assert.deepEqual(Array.from(fresh.resolve(new Uint32Array([mgi, mgiAlias, 1, strong, 0, 0]))), [255, 0]);
console.log('document facts carried across calls; resolve settles earlier matches');
