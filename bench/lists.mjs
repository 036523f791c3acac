// Imported lists of 1k, 10k and 100k real-shaped names in Chromium: the engine's build time and
// memory in the service worker (where every imported list is built, once for the browser), and
// what a tab costs with the 10k-name list loaded against a tab without any list.
//
// The names are generated at bench time (nothing is stored in the repository) from the shape of
// OFAC's SDN organisations in ../shared/data/lists/csl-ofac-sdn-2022.json: the words of their
// names, how many words a name has, how often and which legal form ends it, and how many
// alternate names a record has; written in capitals, as the SDN writes them, in CSL JSON.
//
// Tab memory: a fresh tab per run on examples/press-release.html, after the content script is
// idle and a GC: the renderer's private memory (/proc/<pid>/smaps_rollup, WASM memory included)
// and the JS heap (CDP Performance.getMetrics). Runs alternate between the two states' tabs
// only by phase (all without the list, then all with it), as the list is a browser-wide setting.
//
// Inputs: scripts/build-extension.sh. Usage: node bench/lists.mjs [--runs N] [--json out.json]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/e2e/server.mjs';
import { launchChromiumWith } from '../tests/e2e/browsers.mjs';
import { testExtension, READ_STATE, idleState } from '../tests/e2e/harness.mjs';
import { traced, marks } from './trace.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 5));
const log = (...a) => console.error('[lists]', ...a);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const MB = 2 ** 20;

// ---------------------------------------------------------------------------------------------
// Real-shaped names.

let seed = 20261204;
function random() {
  // mulberry32: the same lists on every run.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(random() * xs.length)];

const LEGAL = /\s+(CO\.?,? LTD\.?|COMPANY LIMITED|CO\.|COMPANY|CORP\.?|CORPORATION|INC\.?|LLC|L\.L\.C\.|LTD\.?|LIMITED|JSC|OJSC|PJSC|OAO|ZAO|OOO|GMBH|S\.A\.|SARL|S\.L\.|FZE|FZCO|B\.V\.|AG|PLC)$/;

/** What the generator samples from: words, name lengths, legal forms, alias counts. */
function shapeOf(path) {
  const data = JSON.parse(readFileSync(path, 'utf8'));
  const records = (Array.isArray(data) ? data : data.results).filter((r) => r.type === 'Entity');
  const words = [];
  const lengths = [];
  const legal = [];
  const aliases = [];
  for (const r of records) {
    const names = [r.name, ...(r.alt_names || [])];
    aliases.push(names.length - 1);
    for (const n of names) {
      const m = LEGAL.exec(n);
      legal.push(m ? m[1] : '');
      const bare = (m ? n.slice(0, m.index) : n).split(/\s+/).filter((w) => /^[A-Z][A-Z'.-]*$/.test(w));
      if (!bare.length) continue;
      lengths.push(bare.length);
      words.push(...bare);
    }
  }
  return { records: records.length, words, lengths, legal, aliases };
}

function generate(shape, count) {
  const seen = new Set();
  const name = () => {
    for (;;) {
      const words = Array.from({ length: pick(shape.lengths) }, () => pick(shape.words));
      const form = pick(shape.legal);
      const n = form ? `${words.join(' ')} ${form}` : words.join(' ');
      // The import refuses names over 200 characters; the SDN's longest are about 150.
      if (n.length <= 150 && !seen.has(n)) {
        seen.add(n);
        return n;
      }
    }
  };
  const results = [];
  for (let i = 0; results.length < count; i++) {
    const alt = Array.from({ length: pick(shape.aliases) }, name);
    results.push({ id: `bench-${i}`, type: 'Entity', name: name(), alt_names: alt, source: 'Benchmark list (generated)' });
  }
  return JSON.stringify({ results });
}

// ---------------------------------------------------------------------------------------------

async function rendererPid(page, cdp) {
  const { events } = await traced(cdp, () => page.evaluate(() => performance.mark('bench:pid')));
  return marks(events, 'bench:pid').at(-1).pid;
}

function privateMemory(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (k) => Number((text.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) || [])[1] || 0);
  return (kb('Private_Clean') + kb('Private_Dirty')) / 1024;
}

async function tabMemory(ctx, server) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await page.goto(`${server.origin}/examples/press-release.html`);
  // The first tab after an import waits for the background to build the list.
  const s = await idleState(() => page.evaluate(`(() => {${READ_STATE}})()`), { what: 'an idle tab', ms: 180000 });
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(300);
  await cdp.send('Performance.enable');
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const out = { engine: s.engine, matches: s.matches.length, jsHeap: metrics.JSHeapUsedSize / MB, private: privateMemory(await rendererPid(page, cdp)) };
  await page.close();
  return out;
}

async function main() {
  const shape = shapeOf(join(repo, '../shared/data/lists/csl-ofac-sdn-2022.json'));
  log(`shape from ${shape.records} SDN organisations: ${shape.words.length} name words`);
  const lists = Object.fromEntries([['1k', 1000], ['10k', 10000], ['100k', 100000]].map(([k, n]) => [k, generate(shape, n)]));
  mkdirSync(join(repo, 'target/bench'), { recursive: true });
  for (const [k, text] of Object.entries(lists)) writeFileSync(join(repo, `target/bench/real-shaped-${k}.json`), text);

  const server = await startServer();
  const out = { runs: RUNS, build: {}, tab: {} };
  // One browser for the builds, a fresh one for the tabs: WASM memory never shrinks, and a
  // service worker kept busy for seconds by builds is not what a tab normally meets.
  let { ctx, worker } = await launchChromiumWith({ server, dir: testExtension('chromium') });
  try {
    // Build time and memory in the service worker, as the extension builds lists. The real SDN
    // list is the reference the generated ones are shaped after. The 100k-name list comes last:
    // WASM memory never shrinks, and it may not build at all.
    const build = async (k, text) => {
      out.build[k] = await worker.evaluate(async ({ text, runs, k }) => {
        const core = globalThis.bioflagEngineCore;
        const exports = await core.init(chrome.runtime.getURL('wasm/bioflag_bg.wasm'));
        const times = [];
        let info = null;
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const engine = core.build([{ name: k, text }]);
          times.push(performance.now() - t);
          info = engine.info();
          engine.free();
        }
        times.sort((a, b) => a - b);
        return {
          bytes: text.length, ms: times[Math.floor(times.length / 2)], runs, patterns: info.patterns, automaton: info.automaton,
          matcherMB: info.memory / 2 ** 20, linearMB: exports.memory.buffer.byteLength / 2 ** 20,
        };
      }, { text, runs: k === '1k' ? RUNS : 1, k });
      log(`build ${k}: ${JSON.stringify(out.build[k])}`);
    };
    await build('1k', lists['1k']);
    await build('SDN (real, CSL JSON)', readFileSync(join(repo, '../shared/data/lists/csl-ofac-sdn-2022.json'), 'utf8'));
    await build('10k', lists['10k']);
    try {
      await build('100k', lists['100k']);
    } catch (e) {
      out.build['100k'] = { bytes: lists['100k'].length, error: String(e.message || e).split('\n')[0] };
      log(`build 100k failed: ${out.build['100k'].error}`);
    }
  } finally {
    await ctx.close();
  }
  ({ ctx, worker } = await launchChromiumWith({ server, dir: testExtension('chromium') }));
  try {
    // A tab without any list, then with the 10k list imported (stored as the options page does).
    const tabs = async () => {
      const xs = [];
      for (let r = 0; r < RUNS; r++) xs.push(await tabMemory(ctx, server));
      return { engine: xs[0].engine, matches: xs[0].matches, jsHeap: median(xs.map((x) => x.jsHeap)), private: median(xs.map((x) => x.private)) };
    };
    out.tab.without = await tabs();
    await worker.evaluate((text) => globalThis.bioflagStorage.updateLists(() => [{ name: 'real-shaped-10k.json', text, source: 'file', importedAt: '2026-12-04' }]), lists['10k']);
    out.tab.with10k = await tabs();
    log(`tabs: ${JSON.stringify(out.tab)}`);
  } finally {
    await ctx.close();
    await server.close();
  }
  const json = arg('json', null);
  if (json) writeFileSync(json, JSON.stringify(out, null, 2));
  console.log(report(out));
}

function report(out) {
  const f1 = (x) => x.toFixed(1);
  const lines = [
    '| list | size | patterns | automaton | build (service worker) | matcher memory (its own estimate) | the service worker’s WASM linear memory after (high-water, builds in this order) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [k, b] of Object.entries(out.build)) {
    if (b.error) {
      lines.push(`| ${k} real-shaped names | ${f1(b.bytes / MB)} MB | – | – | failed: ${b.error} | – | – |`);
      continue;
    }
    lines.push(`| ${/^\d/.test(k) ? `${k} real-shaped names` : k} | ${f1(b.bytes / MB)} MB | ${b.patterns} | ${b.automaton} | ${f1(b.ms)} ms | ${f1(b.matcherMB)} MB | ${f1(b.linearMB)} MB |`);
  }
  const { without: a, with10k: b } = out.tab;
  lines.push('', '| tab on press-release.html | engine | renderer private memory | JS heap |', '|---|---|---|---|');
  lines.push(`| no list | ${a.engine} | ${f1(a.private)} MB | ${f1(a.jsHeap)} MB |`);
  lines.push(`| 10k-name list loaded | ${b.engine} | ${f1(b.private)} MB (${b.private - a.private >= 0 ? '+' : ''}${f1(b.private - a.private)} MB) | ${f1(b.jsHeap)} MB (${b.jsHeap - a.jsHeap >= 0 ? '+' : ''}${f1(b.jsHeap - a.jsHeap)} MB) |`);
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
