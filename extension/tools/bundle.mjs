// Writes <dist>/content/full.js: what a frame loads once its text holds a candidate (see
// content/gate.js), one ES module made of the classic scripts below, in this order, so a single
// dynamic import brings them all (their globals are the content script's; the wasm glue's
// top-level `wasm_bindgen` binding is visible to engine-core.js in the same module).
//   node extension/tools/bundle.mjs <dist dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FULL = [
  'wasm/bioflag.js', 'shared/constants.js', 'shared/storage.js', 'shared/engine-core.js', 'shared/fill.js', 'ui/card-hover.js', 'ui/card.js', 'content/blocks.js', 'content/find.js',
  'content/records.js', 'content/marks.js', 'content/highlight.js', 'content/card-host.js', 'content/engine-client.js',
  'content/scheduler.js', 'content/reveal.js', 'content/scanner.js', 'content/interaction.js',
  'content/main.js',
];

const [dist] = process.argv.slice(2);
const parts = FULL.map((file) => `// ---- ${file}\n${readFileSync(join(dist, file), 'utf8')}\n`);
writeFileSync(join(dist, 'content/full.js'), `// bioflag: the content scripts loaded after the gate (extension/tools/bundle.mjs).\n${parts.join('')}`);
