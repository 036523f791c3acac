/*
 * The WASM engine, loaded and driven the same way wherever it runs (content script, Chromium
 * service worker, Firefox background page). Classic script: defines `globalThis.bioflagEngineCore`
 * and needs the `--target no-modules` glue (global `wasm_bindgen`) loaded before it.
 *
 * Scans are stateless on purpose (resetDocument before each call, pending weak matches kept):
 * one remote engine serves every tab, so page-level state ("this page named BGI Group in full")
 * lives in the content script instead (see content/scanner.js).
 */
(function defineEngineCore(global) {
  'use strict';
  const FIELDS = 6;
  const encoder = new TextEncoder();
  let ready = null;

  /** The glue declares `let wasm_bindgen` at top level: a global binding, not a globalThis property. */
  function wasmBindgen() {
    return typeof wasm_bindgen !== 'undefined' ? wasm_bindgen : global.wasm_bindgen;
  }

  /** Instantiates the wasm once per context; rejects (CompileError) where CSP forbids wasm. */
  function init(wasmUrl) {
    if (!ready) {
      ready = wasmBindgen()({ module_or_path: wasmUrl }).catch((e) => {
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

  /** Scans `segments` (strings) and returns the flat Uint32Array (6 numbers per match). */
  function scan(engine, exports, segments) {
    let capacity = 0;
    for (const s of segments) capacity += s.length * 3;
    engine.resetDocument();
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
    return engine.scan(lengths, true);
  }

  global.bioflagEngineCore = Object.freeze({ FIELDS, init, build, scan, checkList: (text, name) => wasmBindgen().checkList(text, name) });
})(globalThis);
