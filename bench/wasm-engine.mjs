// WASM engine benchmark, in Node or (via bench/browser.mjs) headless Chromium: bioflag's engine
// against a JS RegExp alternation of the same names (what a careful JS developer would write),
// on the same ~10 MB of page text, in the same process. Prints a Markdown table of medians.
// Inputs: node bench/gen-data.mjs. Engine: scripts/build-wasm.sh.
// Usage (Node): node bench/wasm-engine.mjs [--json results.json]
import init, { Engine, constants } from '../build/wasm/web/bioflag.js';

const RUNS = 7;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median milliseconds of `f` over RUNS runs, and its last result. */
function time(f) {
  const times = [];
  let result;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    result = f();
    times.push(performance.now() - t);
  }
  return [median(times), result];
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs the suite. `load(name)` returns a file's text; returns the Markdown lines, with the same
 * figures as numbers in `lines.results` (one object per catalog).
 */
export async function run({ load, wasm, where }) {
  const exports = await init({ module_or_path: wasm });
  const FIELDS = constants().recordFields;
  const page = JSON.parse(await load('page-text.json'));
  const clean = JSON.parse(await load('clean-text.json'));
  const encoder = new TextEncoder();
  const utf8Bytes = (blocks) => blocks.reduce((n, b) => n + encoder.encode(b).length, 0);
  const pageBytes = utf8Bytes(page);
  const cleanBytes = utf8Bytes(clean);
  const mbps = (bytes, ms) => (bytes / 1e6 / (ms / 1000)).toFixed(0);

  /** Encodes blocks into the engine's input buffer; returns the byte length of each block. */
  function encode(engine, blocks) {
    let capacity = 0;
    for (const b of blocks) capacity += b.length * 3;
    const ptr = engine.input(capacity);
    const memory = new Uint8Array(exports.memory.buffer, ptr, capacity);
    const lengths = new Uint32Array(blocks.length);
    let at = 0;
    for (let i = 0; i < blocks.length; i++) {
      const { written } = encoder.encodeInto(blocks[i], memory.subarray(at));
      lengths[i] = written;
      at += written;
    }
    return lengths;
  }

  /** The engine alone: scans blocks already in its input buffer (`lengths` from `encode`). */
  function scanEncoded(engine, lengths) {
    engine.resetDocument();
    return engine.scan(lengths, false).length / FIELDS;
  }

  /** Encodes blocks into the engine's input buffer and scans them: the extension's path. */
  const scan = (engine, blocks) => scanEncoded(engine, encode(engine, blocks));

  const lines = [
    `### WASM engine, ${where} (median of ${RUNS} runs)`,
    '',
    `Text: ${(pageBytes / 1e6).toFixed(1)} MB in ${page.length} blocks; clean text ${(cleanBytes / 1e6).toFixed(1)} MB naming nobody. ` +
      '"Engine alone" scans text already in WASM memory; "with encoding" includes writing it there (`TextEncoder.encodeInto`, block by block, ' +
      'as the extension does); the last column is that encoding alone.',
    '',
    '| catalog | build | engine alone, page text | engine alone, clean text | bioflag with encoding, page text | bioflag with encoding, clean text | RegExp alternation, page text | bioflag with encoding / RegExp | encoding alone, page text |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  // The same figures as numbers, for scripts/bench.sh's target checks (`lines.results`).
  const results = [];
  for (const [label, file] of [['built-in', null], ['built-in + 10k names', 'names-10k.json'], ['built-in + 100k names', 'names-100k.json']]) {
    const lists = file ? [{ name: file, text: await load(file) }] : [];
    const [buildMs, engine] = time(() => new Engine(lists));
    const [pageMs, found] = time(() => scan(engine, page));
    const [cleanMs, none] = time(() => scan(engine, clean));
    const [encodeMs] = time(() => encode(engine, page));
    // The engine alone, on text already in WASM memory: what the MB/s targets are about (the
    // encoding above is the browser's, and the same for any WASM scanner).
    const pageLengths = encode(engine, page);
    const [enginePageMs] = time(() => scanEncoded(engine, pageLengths));
    const cleanLengths = encode(engine, clean);
    const [engineCleanMs, noneAlone] = time(() => scanEncoded(engine, cleanLengths));
    if (noneAlone !== 0) throw new Error('clean text names nobody');
    if (none !== 0) throw new Error('clean text names nobody');
    // The baseline: every name of every entity, one case-insensitive alternation, longest
    // first, word-bounded, run over the blocks joined as one string.
    const names = new Set();
    for (const e of engine.entities()) {
      const card = engine.card(e.index);
      names.add(card.name);
      for (const a of card.aliases) names.add(a);
    }
    const re = new RegExp(`\\b(?:${[...names].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`, 'gi');
    const [reMs, reFound] = time(() => {
      const text = page.join('\n');
      let n = 0;
      re.lastIndex = 0;
      while (re.exec(text)) n++;
      return n;
    });
    lines.push(
      `| ${label} (${names.size} names) | ${buildMs.toFixed(1)} ms | ${mbps(pageBytes, enginePageMs)} MB/s | ${mbps(cleanBytes, engineCleanMs)} MB/s | ` +
        `${mbps(pageBytes, pageMs)} MB/s (${found} matches) | ${mbps(cleanBytes, cleanMs)} MB/s | ` +
        `${mbps(pageBytes, reMs)} MB/s (${reFound} matches) | ${(reMs / pageMs).toFixed(2)}× | ${encodeMs.toFixed(1)} ms (${mbps(pageBytes, encodeMs)} MB/s) |`,
    );
    results.push({ label, names: names.size, buildMs, pageMBps: pageBytes / 1e3 / pageMs, cleanMBps: cleanBytes / 1e3 / cleanMs,
      enginePageMBps: pageBytes / 1e3 / enginePageMs, engineCleanMBps: cleanBytes / 1e3 / engineCleanMs,
      regexpMBps: pageBytes / 1e3 / reMs, ratio: reMs / pageMs, matches: found, regexpMatches: reFound, encodeMs });
    engine.free();
  }
  lines.results = results;
  return lines;
}

// Node: read the files from target/bench and the wasm from build/wasm/web.
if (typeof process !== 'undefined' && import.meta.url === `file://${process.argv[1]}`) {
  const { readFile } = await import('node:fs/promises');
  const dir = new URL('../target/bench/', import.meta.url);
  const lines = await run({
    load: (name) => readFile(new URL(name, dir), 'utf8'),
    wasm: await readFile(new URL('../build/wasm/web/bioflag_bg.wasm', import.meta.url)),
    where: `Node ${process.version}`,
  });
  console.log(lines.join('\n'));
  // --json FILE: also write {lines, results} for scripts/bench.sh.
  const json = process.argv.indexOf('--json');
  if (json > 0) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.argv[json + 1], JSON.stringify({ lines, results: lines.results }, null, 1));
  }
}
