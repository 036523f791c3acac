// The WASM engine for the website: the extension's own engine wrapper (shared/engine-core.js,
// copied to js/ by the build, as is) driving the `--target web` glue copied to wasm/.
// Everything runs in this tab: the only requests are for the engine's own two files.
import * as glue from '../wasm/bioflag.js';
// Classic scripts, run for their globals (bioflagConstants, then bioflagEngineCore).
import './constants.js';
import './engine-core.js';

const core = globalThis.bioflagEngineCore;
core.useGlue(glue);

let loading = null;

/** Resolves to {engine, exports}; one instance per page. */
function load() {
  if (!loading) {
    loading = core.init(new URL('../wasm/bioflag_bg.wasm', import.meta.url)).then((exports) => ({ engine: core.build([]), exports }));
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
    // keepPending=false: a pasted text is finished, so weak names still unconfirmed are dropped.
    return core.records(core.scan(engine, exports, blocks, false)).map(({ segment, ...rest }) => ({ block: segment, ...rest }));
  }

  return {
    entities,
    info: () => engine.info(),
    card: (index) => engine.card(index),
    aliasText: (entity, alias) => engine.aliasText(entity, alias),
    scanBlocks,
  };
}
