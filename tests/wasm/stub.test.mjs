// scripts/wasm-stub.mjs on small modules written here byte by byte: the functions its rules
// name are stubbed (one returning fmt::Result returns Ok, any other traps), the rest run as
// before, and a rule that matches nothing or a module without names fails the build and leaves
// the file as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/wasm-stub.mjs', import.meta.url));

const leb = (n) => {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return out;
};
const str = (s) => { const b = [...Buffer.from(s, 'utf8')]; return [...leb(b.length), ...b]; };
const vec = (items) => [...leb(items.length), ...items.flat()];
const section = (id, body) => [id, ...leb(body.length), ...body];

const FLOAT_FMT = '<f64 as core::fmt::Display>::fmt';
const DEBUG_FMT = '<memchr::memmem::Finder as core::fmt::Debug>::fmt::h0123456789abcdef';

// One imported function, table and global (so import parsing and function indices are
// exercised), then `fmt(a, b) -> a` (i32 result), `dbg()`, and `fillers` plain functions: more
// than 127 make the counts and the section sizes multi-byte LEBs.
function module(names, fillers = 130) {
  const I32 = 0x7f;
  const types = vec([[0x60, ...vec([I32, I32]), ...vec([I32])], [0x60, 0, 0]]);
  const imports = vec([
    [...str('env'), ...str('f'), 0x00, 1],
    [...str('env'), ...str('t'), 0x01, 0x70, 0x00, 1],
    [...str('env'), ...str('g'), 0x03, 0x6f, 0x00],
  ]);
  const funcs = vec([[0], [1], ...Array.from({ length: fillers }, () => [1])]);
  const exports = vec([[...str('fmt'), 0x00, 1], [...str('dbg'), 0x00, 2]]);
  const body = (code) => [...leb(code.length), ...code];
  const code = vec([
    body([0x00, 0x20, 0x00, 0x0b]), // local.get 0
    body([0x00, 0x0b]),
    ...Array.from({ length: fillers }, () => body([0x00, 0x0b])),
  ]);
  const named = names.map((n, i) => [...leb(i + 1), ...str(n)]);
  const nameSection = [...str('name'), 1, ...leb(vec(named).length), ...vec(named)];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types), ...section(2, imports), ...section(3, funcs), ...section(7, exports),
    ...section(10, code), ...(names.length ? section(0, nameSection) : []),
  ]);
}

function written(bytes) {
  const file = join(mkdtempSync(join(tmpdir(), 'wasm-stub-')), 'm.wasm');
  writeFileSync(file, bytes);
  return file;
}

async function instance(bytes) {
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: {
      f: () => {},
      t: new WebAssembly.Table({ element: 'anyfunc', initial: 1 }),
      g: new WebAssembly.Global({ value: 'externref', mutable: false }, null),
    },
  });
  return instance.exports;
}

test('the functions the rules name are stubbed; the module still validates', async () => {
  const original = module([FLOAT_FMT, DEBUG_FMT]);
  const before = await instance(original);
  assert.equal(before.fmt(5, 6), 5);
  before.dbg();
  const file = written(original);
  const log = execFileSync('node', [script, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.equal(log, '');
  const stubbed = readFileSync(file);
  assert.ok(WebAssembly.validate(stubbed));
  const after = await instance(stubbed);
  assert.equal(after.fmt(5, 6), 0, 'a stub returning fmt::Result returns Ok (0)');
  assert.throws(() => after.dbg(), WebAssembly.RuntimeError, 'any other stub traps');
});

test('a rule that matches nothing fails the build and leaves the file unchanged', () => {
  const original = module([FLOAT_FMT, 'core::fmt::write::h0123456789abcdef']);
  const file = written(original);
  const r = spawnSync('node', [script, file], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /nothing in .* matches .*aho_corasick\|memchr/);
  assert.deepEqual(readFileSync(file), original);
});

test('a module without function names fails the build', () => {
  const original = module([]);
  const file = written(original);
  const r = spawnSync('node', [script, file], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /has no function names/);
  assert.deepEqual(readFileSync(file), original);
});
