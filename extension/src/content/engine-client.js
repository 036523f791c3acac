/*
 * One interface for "scan these blocks", whichever engine the page allows:
 *   - local: the WASM engine in this content script, over the built-in catalog alone (fast, no
 *     messaging);
 *   - remote: the engine in the service worker (Chromium) / background page (Firefox), used when
 *     the page's CSP makes Chromium refuse to compile WASM in content scripts, and whenever lists
 *     are imported: the background builds them once for the browser, so a tab never holds a
 *     list's text or automaton (a 10k-name list would cost every tab megabytes).
 * Nothing outside this file knows which one it got.
 *
 *   client = await bioflagEngineClient.create(hasLists)
 *   client.kind                       'local' | 'remote'
 *   await client.scan(strings)        flat array, 6 numbers per match (pending weak ones kept)
 *   await client.scanDocument(strings, facts)   { matches, facts }: a part of a document
 *   await client.resolve(facts, records)        evidence now of earlier matches (entity, alias, evidence each)
 *   client.candidates(text)           find first, synchronous: UTF-16 offsets where an alias's
 *                                     fingerprint starts (a superset of matches), null: anywhere
 *   await client.card(entityIndex)    card data
 *   await client.entities()           [{index, id, name, tier, family, ...}]
 *   await client.info()               catalog name, version, date
 *   await client.aliasText(e, a)      the text of entity e's alias a
 */
/**
 * The engine as the content script uses it, in the page or in the background: the same calls.
 * Scan results are flat (bioflagEngineCore.FIELDS numbers per match, see MatchRecord).
 * @typedef {object} EngineClient
 * @property {'local' | 'remote'} kind
 * @property {CandidateSearch} candidates
 * @property {(segments: string[]) => Promise<ArrayLike<number>>} scan
 * @property {(segments: string[], facts: number[]) => Promise<{ matches: ArrayLike<number>, facts: number[] }>} scanDocument
 * @property {(facts: number[], records: number[]) => Promise<number[]>} resolve
 * @property {(entity: number | string) => Promise<EngineCard | null>} card
 * @property {() => Promise<EngineEntity[]>} entities
 * @property {() => Promise<EngineInfo>} info
 * @property {(entity: number, alias: number) => Promise<string>} aliasText
 */
'use strict';
(function defineEngineClient(global) {
  'use strict';
  const { url, toBackground } = global.bioflagPlatform;
  const core = global.bioflagEngineCore;

  /** @returns {EngineClient} */
  function localClient(engine, exports) {
    return {
      kind: 'local',
      candidates: (text) => core.candidates(engine, exports, text),
      scan: async (segments) => core.scan(engine, exports, segments),
      scanDocument: async (segments, facts) => core.scanDocument(engine, exports, segments, facts),
      resolve: async (facts, records) => core.resolve(engine, facts, records),
      card: async (entity) => engine.card(entity),
      entities: async () => engine.entities(),
      info: async () => engine.info(),
      aliasText: async (entity, alias) => engine.aliasText(entity, alias),
    };
  }

  /** @returns {EngineClient} */
  function remoteClient(pattern) {
    return {
      kind: 'remote',
      // Text stays here: the same fingerprints as a RegExp (no message per search).
      candidates: core.patternSearch(pattern),
      scan: async (segments) => (await toBackground({ type: 'scan', segments })).matches,
      scanDocument: async (segments, facts) => {
        const r = await toBackground({ type: 'scanDocument', segments, facts });
        return { matches: r.matches, facts: r.facts };
      },
      resolve: async (facts, records) => (await toBackground({ type: 'resolve', facts, records })).evidence,
      card: async (entity) => (await toBackground({ type: 'card', entity })).card,
      entities: async () => (await toBackground({ type: 'entities' })).entities,
      info: async () => (await toBackground({ type: 'info' })).info,
      aliasText: async (entity, alias) => (await toBackground({ type: 'aliasText', entity, alias })).text,
    };
  }

  async function create(hasLists) {
    if (!hasLists) {
      try {
        const exports = await core.init(url('wasm/bioflag_bg.wasm'));
        return localClient(core.build([]), exports);
      } catch (e) {
        // Expected on strict-CSP pages in Chromium: CompileError with an empty message.
      }
    }
    return remoteClient((await toBackground({ type: 'pattern' })).pattern);
  }

  global.bioflagEngineClient = Object.freeze({ create });
})(globalThis);
