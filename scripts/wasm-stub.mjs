// Replaces, in a wasm module with a name section (wasm-bindgen's output, before wasm-opt), the
// bodies of functions that are linked but never run in the shipped engine with a stub, so that
// wasm-opt drops everything only they reach. Rust cannot drop them itself: they are reachable in
// the type system, just not in this program.
//
// Usage: node scripts/wasm-stub.mjs file.wasm   (rewrites the file in place)
//
// The stubs:
// - `<f64 as Display>::fmt` and with it all of core's float formatting (dragon, grisu, bignums:
//   ~20 KB of code). bioflag formats no float; the only path to it is the `Unexpected::Float`
//   arm of serde's `Unexpected` Display. serde_json formats floats itself (`JsonUnexpected`);
//   serde-wasm-bindgen would reach it only for a float where the `Engine` constructor expects a
//   list's name or text (our own JS never passes one), and then its message would lack the number.
// - The `Debug` impls of aho-corasick and memchr types (automata, prefilters, searchers: ~10 KB).
//   They are linked because the `dyn Automaton` and `dyn PrefilterI` vtables require `Debug`;
//   they run only for `{:?}` of an engine (never done in the wasm build: `Engine::info` names
//   the automaton kind by hand) or in a panic message, which wasm32-unknown-unknown discards
//   before it traps.
// A stub of a function returning `fmt::Result` returns `Ok(())` having written nothing, so even
// a call nobody expects does not fail; any other stub traps.
import { readFileSync, writeFileSync } from 'node:fs';

const RULES = [
  /^<f64 as core(\[[0-9a-f]+\])?::fmt::Display>::fmt(::h[0-9a-f]{16})?$/,
  /^<(aho_corasick|memchr)::\S+ as core::fmt::Debug>::fmt::h[0-9a-f]{16}(\[\d+\])?$/,
];

const file = process.argv[2];
const buf = readFileSync(file);
let p = 8;
const u32 = () => {
  let r = 0, s = 0, b;
  do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80);
  return r;
};
const leb = (n) => {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return Buffer.from(out);
};
// A value type: one byte, or a typed reference (`ref` / `ref null`) followed by its heap type,
// an s33 LEB128 (one byte for the abstract heap types, more for a type index).
const valType = () => {
  const t = buf[p++];
  if (t === 0x63 || t === 0x64) { while (buf[p++] & 0x80); }
};
const str = () => { const l = u32(); const s = buf.toString('utf8', p, p + l); p += l; return s; };

const sections = [];
const types = []; // result types of each type, as byte strings
const funcTypes = []; // type index of each defined function
const names = new Map();
let imported = 0;
while (p < buf.length) {
  const start = p, id = buf[p++], len = u32(), end = p + len;
  sections.push({ id, start, body: p, end });
  if (id === 1) {
    for (let n = u32(); n > 0; n--) {
      if (buf[p++] !== 0x60) throw new Error('wasm-stub: only plain function types are supported');
      for (let params = u32(); params > 0; params--) valType();
      const results = u32(), from = p;
      for (let r = 0; r < results; r++) valType();
      types.push(buf.subarray(from, p).toString('hex'));
    }
  } else if (id === 2) {
    for (let n = u32(); n > 0; n--) {
      str(); str();
      const kind = buf[p++];
      // Tables and globals hold value types too: a typed reference is more than one byte.
      if (kind === 0) { u32(); imported++; }
      else if (kind === 1) { valType(); const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); }
      else if (kind === 3) { valType(); p++; }
      else if (kind === 4) { p++; u32(); }
      else throw new Error(`wasm-stub: unknown import kind ${kind}`);
    }
  } else if (id === 3) {
    for (let n = u32(); n > 0; n--) funcTypes.push(u32());
  } else if (id === 0 && str() === 'name') {
    while (p < end) {
      const sub = buf[p++], subEnd = u32() + p;
      if (sub === 1) for (let n = u32(); n > 0; n--) { const i = u32(); names.set(i, str()); }
      p = subEnd;
    }
  }
  p = end;
}
if (names.size === 0) throw new Error(`wasm-stub: ${file} has no function names`);

const I32 = '7f';
const RETURN_OK = Buffer.from([0x00, 0x41, 0x00, 0x0b]); // no locals; i32.const 0; end
const TRAP = Buffer.from([0x00, 0x00, 0x0b]); // no locals; unreachable; end
const hits = RULES.map(() => 0);
const out = [buf.subarray(0, 8)];
for (const s of sections) {
  if (s.id !== 10) { out.push(buf.subarray(s.start, s.end)); continue; }
  p = s.body;
  const count = u32();
  const code = [leb(count)];
  for (let i = 0; i < count; i++) {
    const len = u32(), body = buf.subarray(p, p + len);
    p += len;
    const rule = RULES.findIndex((r) => r.test(names.get(imported + i) || ''));
    if (rule < 0) { code.push(leb(len), body); continue; }
    hits[rule]++;
    const stub = types[funcTypes[i]] === I32 ? RETURN_OK : TRAP;
    code.push(leb(stub.length), stub);
  }
  const content = Buffer.concat(code);
  out.push(Buffer.from([10]), leb(content.length), content);
}
// A rule that matches nothing means a compiler or dependency update renamed what it stubs: the
// build must say so (and the rule be updated) rather than quietly ship a bigger engine.
const unmatched = RULES.filter((_, i) => hits[i] === 0);
if (unmatched.length) {
  console.error(`wasm-stub: nothing in ${file} matches ${unmatched.join(', ')} (renamed by a compiler or dependency update?); file left unchanged`);
  process.exit(1);
}
const stubbed = Buffer.concat(out);
if (!WebAssembly.validate(stubbed)) {
  console.error(`wasm-stub: the rewritten ${file} does not validate; file left unchanged`);
  process.exit(1);
}
writeFileSync(file, stubbed);
console.error(`wasm-stub: ${hits.reduce((a, b) => a + b)} never-run functions stubbed in ${file}`);
