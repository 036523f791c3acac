/*
 * The WASM engine, loaded and driven the same way wherever it runs (content script, Chromium
 * service worker, Firefox background page, the website). Classic script: defines
 * `globalThis.bioflagEngineCore` and needs shared/constants.js loaded before it, and the wasm
 * glue: the `--target no-modules` one (global `wasm_bindgen`) in the extension, or the
 * `--target web` module's exports handed to useGlue() (the website, an ES module).
 *
 * Scans are stateless on purpose: one remote engine serves every tab, so a page's state ("this
 * page named BGI Group in full", "MGI is the McKinsey Global Institute here") is carried by the
 * caller as the engine's opaque document facts (scanDocument takes and returns them), and the
 * rule that decides weak aliases against them is the engine's (resolve); see content/scanner.js.
 */
/**
 * One match of a scan, as records() reads the flat result (FIELDS numbers per match).
 * @typedef {object} MatchRecord
 * @property {number} segment  the index of the segment (string) it is in
 * @property {number} start    UTF-16 offsets in that segment
 * @property {number} end
 * @property {number} entity   the engine's index of the entity (entities()[entity])
 * @property {number} alias    the entity's alias that matched (aliasText(entity, alias))
 * @property {number} evidence what confirmed it: bioflagConstants.evidence, or DROPPED
 */
'use strict';
(function defineEngineCore(global) {
  'use strict';
  /** Numbers per match in a scan's result, and resolve()'s verdict for a ruled-out match. */
  const { recordFields: FIELDS, dropped: DROPPED } = global.bioflagConstants;
  const encoder = new TextEncoder();
  let ready = null;
  /** The glue in use: {init, Engine, checkList, importReport}. */
  let glue = null;

  /** The glue declares `let wasm_bindgen` at top level: a global binding, not a globalThis property. */
  function wasmBindgen() {
    if (!glue) {
      const g = typeof wasm_bindgen !== 'undefined' ? wasm_bindgen : global.wasm_bindgen;
      glue = { init: g, Engine: g.Engine, checkList: g.checkList, importReport: g.importReport };
    }
    return glue;
  }

  /** Drives the `--target web` glue: `module` is its namespace (default export: init). */
  function useGlue(module) {
    glue = { init: module.default, Engine: module.Engine, checkList: module.checkList, importReport: module.importReport };
  }

  /** Instantiates the wasm once per context; rejects (CompileError) where CSP forbids wasm. */
  function init(wasmUrl) {
    if (!ready) {
      ready = wasmBindgen().init({ module_or_path: wasmUrl }).catch((e) => {
        ready = null;
        throw e;
      });
    }
    return ready;
  }

  /** Builds an engine over the built-in catalog plus `lists` ([{name, text}]). */
  function build(lists) {
    return new (wasmBindgen().Engine)((lists || []).map((l) => ({ name: l.name, text: l.text })));
  }

  /**
   * Scans `segments` (strings) as one document; returns the flat Uint32Array (FIELDS numbers per
   * match). `keepPending`: weak names the document has not confirmed by its end are kept, as
   * pending (a page that may still change), or dropped (a finished text).
   */
  function scan(engine, exports, segments, keepPending = true) {
    engine.resetDocument();
    return scanSegments(engine, exports, segments, keepPending);
  }

  /** A scan's flat result as objects: [{segment, start, end, entity, alias, evidence}]. */
  function records(flat) {
    const out = [];
    for (let i = 0; i + FIELDS <= flat.length; i += FIELDS) {
      out.push({ segment: flat[i], start: flat[i + 1], end: flat[i + 2], entity: flat[i + 3], alias: flat[i + 4], evidence: flat[i + 5] });
    }
    return out;
  }

  /**
   * Scans `segments` as a part of a document that has said `facts` (an array of numbers, [] for
   * a new one): `{ matches, facts }`, the matches settled against what the document has said by
   * the end of this part (pending weak ones kept), and the facts now.
   */
  function scanDocument(engine, exports, segments, facts) {
    engine.setDocument(Uint32Array.from(facts || []));
    const matches = scanSegments(engine, exports, segments);
    return { matches, facts: Array.from(engine.documentFacts()) };
  }

  /**
   * Settles earlier matches against a document that has said `facts`: `records` holds
   * `entity, alias, evidence` per match; returns one evidence per match, DROPPED if ruled out.
   */
  function resolve(engine, facts, records) {
    engine.setDocument(Uint32Array.from(facts || []));
    return Array.from(engine.resolve(Uint32Array.from(records)));
  }

  /** More raw candidates than this in one text: the caller walks all of it exactly. */
  const MAX_CANDIDATES = 20000;

  /**
   * Find first: the UTF-16 offsets in `text` where some alias's fingerprint starts (a superset
   * of where names can be: no folding, boundary or context rule), ascending; null for
   * "anywhere" (these aliases have no prefilter, or there are too many candidates).
   */
  function candidates(engine, exports, text) {
    const capacity = Math.max(text.length * 3, 1);
    const ptr = engine.input(capacity);
    const { written } = encoder.encodeInto(text, new Uint8Array(exports.memory.buffer, ptr, capacity));
    const found = engine.candidates(written, MAX_CANDIDATES);
    return found.length === 1 && found[0] === 0xffffffff ? null : found;
  }

  /** The same candidates from a RegExp source (engine.fingerprintPattern()); null: anywhere. */
  function patternSearch(source) {
    if (!source) return () => null;
    const re = new RegExp(source, 'gi');
    return (text) => {
      const out = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (out.length >= MAX_CANDIDATES) return null;
        out.push(m.index);
        re.lastIndex = m.index + 1;
      }
      return out;
    };
  }

  function scanSegments(engine, exports, segments, keepPending = true) {
    // encodeInto writes at most 3 bytes per UTF-16 code unit.
    let capacity = 0;
    for (const s of segments) capacity += s.length * 3;
    const ptr = engine.input(Math.max(capacity, 1));
    // The view must be made after `input`, which may grow (and so detach) WASM memory.
    const memory = new Uint8Array(exports.memory.buffer, ptr, Math.max(capacity, 1));
    const lengths = new Uint32Array(segments.length);
    let at = 0;
    for (let i = 0; i < segments.length; i++) {
      const { written } = encoder.encodeInto(segments[i], memory.subarray(at));
      lengths[i] = written;
      at += written;
    }
    return engine.scan(lengths, keepPending);
  }

  global.bioflagEngineCore = Object.freeze({
    FIELDS, DROPPED, useGlue, init, build, scan, records, scanDocument, resolve, candidates, patternSearch,
    checkList: (text, name) => wasmBindgen().checkList(text, name),
    /** `{list, errors}` for a broken list, else `{report: [{line, column, text}]}`. */
    importReport: (text, name) => wasmBindgen().importReport(text, name),
  });
})(globalThis);
