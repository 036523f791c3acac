// What Rust and JavaScript share agrees on both sides: the generated build/wasm/constants.js is
// the engine's own constants(); the engine wrapper (extension/src/shared/engine-core.js, also the
// website's) decodes records of that width into the right text; the evidence codes it names are
// the ones scans return; the tiers and their labels are the ones every JS consumer uses; and no
// JavaScript source writes the record width itself.
// Run: node --test tests/wasm/   (after scripts/build-wasm.sh)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as glue from '../../build/wasm/web/bioflag.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path) => readFileSync(join(root, path), 'utf8');
const exports = await glue.default({ module_or_path: readFileSync(join(root, 'build/wasm/web/bioflag_bg.wasm')) });
const constants = glue.constants();

/** Runs classic scripts in one fresh context (as a page would) and returns its global object. */
function classic(paths, globals = {}) {
  const context = vm.createContext({ TextEncoder, ...globals });
  context.globalThis = context;
  for (const p of paths) vm.runInContext(read(p), context, { filename: p });
  return context;
}
// JSON round trip: values made in another context are not deepEqual to this one's.
const plain = (v) => JSON.parse(JSON.stringify(v));

test('build/wasm/constants.js is the engine\'s constants(), frozen', () => {
  const g = classic(['build/wasm/constants.js']);
  assert.deepEqual(plain(g.bioflagConstants), plain(constants));
  assert.ok(Object.isFrozen(g.bioflagConstants) && Object.isFrozen(g.bioflagConstants.elements.inline));
});

test('the element model is data/html-elements.json', () => {
  const data = JSON.parse(read('data/html-elements.json'));
  assert.deepEqual(plain(constants.elements), data);
});

test('the engine wrapper decodes records of the engine\'s width, with its evidence codes', async () => {
  const g = classic(['build/wasm/constants.js', 'extension/src/shared/engine-core.js']);
  const core = g.bioflagEngineCore;
  core.useGlue(glue);
  assert.equal(core.FIELDS, constants.recordFields);
  assert.equal(core.DROPPED, constants.dropped);
  const engine = core.build([]);
  const ids = engine.entities().map((e) => e.id);
  const segments = ['😀 Kits made by BGI Genomics Co., Ltd.', 'MGI sequencers in the lab.', 'Then BGI said so.'];
  const flat = core.scan(engine, exports, segments, true);
  assert.equal(flat.length % constants.recordFields, 0);
  const found = plain(core.records(flat)).map((r) => [r.segment, segments[r.segment].slice(r.start, r.end), ids[r.entity], r.evidence]);
  assert.deepEqual(found, [
    [0, 'BGI Genomics Co., Ltd.', 'bgi-genomics', constants.evidence.strong],
    [1, 'MGI', 'mgi-tech', constants.evidence.context],
    [2, 'BGI', 'bgi-group', constants.evidence.document],
  ]);
  // A weak name with no support stays pending while the document may go on, and is dropped
  // when it has ended.
  const alone = ['Then BGI said so.'];
  assert.deepEqual(plain(core.records(core.scan(engine, exports, alone, true))).map((r) => r.evidence), [constants.evidence.pending]);
  assert.equal(core.scan(engine, exports, alone, false).length, 0);
});

test('every tier has its engine label wherever JavaScript names tiers', () => {
  const names = constants.tiers.map((t) => t.name);
  assert.deepEqual(names, ['designated', 'formerly-designated', 'named-in-reporting', 'affiliate']);
  const messages = JSON.parse(read('extension/src/_locales/en/messages.json'));
  const card = classic(['extension/src/ui/card.js']).bioflagCard;
  const storage = classic(['build/wasm/constants.js', 'extension/src/shared/platform.js', 'extension/src/shared/storage.js'], { location: { protocol: 'https:' } }).bioflagStorage;
  const rules = classic(['extension/src/content/highlight.js']).bioflagHighlight.RULES;
  assert.deepEqual(plain(storage.TIERS), names);
  for (const { name, label } of constants.tiers) {
    assert.equal(messages[`cardTier_${card.messageKey(name)}`]?.message, label, `messages.json cardTier_${name}`);
    assert.equal(card.MESSAGES[`cardTier_${name}`], label, `card.js cardTier_${name}`);
    assert.ok(rules.includes(`::highlight(bioflag-${name})`), `highlight.js has no rule for ${name}`);
  }
});

test('no JavaScript source writes the record width or the evidence codes itself', () => {
  const files = [];
  const walk = (dir) => {
    for (const f of readdirSync(join(root, dir))) {
      const p = join(dir, f);
      if (statSync(join(root, p)).isDirectory()) walk(p);
      else if (/\.m?js$/.test(f)) files.push(p);
    }
  };
  for (const dir of ['extension/src', 'extension/tools', 'www/src', 'www/tools', 'bench', 'tests/e2e', 'tests/site', 'tests/wasm']) walk(dir);
  assert.ok(files.length > 40);
  const offenders = files.filter((p) => /\bFIELDS\s*=\s*\d|\bEVIDENCE_\w+\s*=\s*\d|\+=\s*6\)/.test(read(p)));
  assert.deepEqual(offenders, []);
});
