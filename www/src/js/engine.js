// The WASM engine for the website: loads it once, scans a document's blocks, and answers
// questions about entities. Uses the `--target web` glue copied to wasm/ by the build.
// Everything runs in this tab: the only requests are for the engine's own two files.
import init, { Engine } from '../wasm/bioflag.js';

/** Numbers per match in `Engine.scan`'s result. */
const FIELDS = 6;
const encoder = new TextEncoder();

let loading = null;

/** Resolves to {engine, exports}; one instance per page. */
function load() {
  if (!loading) {
    const wasmUrl = new URL('../wasm/bioflag_bg.wasm', import.meta.url);
    loading = init({ module_or_path: wasmUrl }).then((exports) => ({ engine: new Engine([]), exports }));
  }
  return loading;
}

/**
 * A loaded engine with the site's operations.
 *   scanBlocks(blocks: string[]) -> [{block, start, end, entity, alias, evidence}]
 *     (UTF-16 offsets within each block; one document: weak aliases may be confirmed by a full
 *     name anywhere in `blocks`)
 */
export async function loadEngine() {
  const { engine, exports } = await load();
  const entities = engine.entities();

  function scanBlocks(blocks) {
    if (!blocks.length) return [];
    // encodeInto writes at most 3 bytes per UTF-16 code unit.
    let capacity = 1;
    for (const b of blocks) capacity += b.length * 3;
    engine.resetDocument();
    const ptr = engine.input(capacity);
    // The view must be made after `input`, which may grow (and so detach) WASM memory.
    const memory = new Uint8Array(exports.memory.buffer, ptr, capacity);
    const lengths = new Uint32Array(blocks.length);
    let at = 0;
    blocks.forEach((text, i) => {
      const { written } = encoder.encodeInto(text, memory.subarray(at));
      lengths[i] = written;
      at += written;
    });
    // keepPending=false: weak names still unconfirmed after the whole document are dropped.
    const flat = engine.scan(lengths, false);
    const matches = [];
    for (let i = 0; i < flat.length; i += FIELDS) {
      matches.push({
        block: flat[i],
        start: flat[i + 1],
        end: flat[i + 2],
        entity: flat[i + 3],
        alias: flat[i + 4],
        evidence: flat[i + 5],
      });
    }
    return matches;
  }

  return {
    entities,
    info: () => engine.info(),
    card: (index) => engine.card(index),
    aliasText: (entity, alias) => engine.aliasText(entity, alias),
    scanBlocks,
  };
}
