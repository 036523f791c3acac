// End-to-end benchmark in headless Chromium: the extension (test build with its timing marks)
// against what a page could do without it, on the same generated pages, in the same session.
//
//   Browser A: Chromium with the extension (a copy of extension/dist/chromium with
//              `{test: true, bench: true}` build flags: performance marks `bioflag:start` when the
//              content script starts and `bioflag:report` at the end of every flush that changed
//              what is flagged; the test-only publishing of matches into the DOM is off).
//   Browser B: the same Chromium without the extension; the baselines are injected into a fresh
//              copy of the page (a new tab per run):
//              - plain JS: TreeWalker over text nodes, one joined string, one RegExp alternation
//                of the same names (longest first, word-bounded, case-insensitive), Ranges in a
//                CSS Custom Highlight (its ::highlight rule is put in place before timing, as
//                the extension's comes with the page);
//              - mark.js 8.11.1 `markRegExp(that RegExp)` and `mark(names, {separateWordSearch:
//                false})` (defaults otherwise: no acrossElements, the cheaper setting).
// Runs alternate between the methods. Times come from a Chromium trace (`toplevel` category) of
// the page's renderer main thread: "main-thread time" is the thread time of every task from the
// start mark to the done mark plus the frame that paints the result; "longest task" is the
// longest of those tasks; "wall" is start mark to done mark. See bench/trace.mjs.
//
// Sections: 1 MB and 10 MB pages (extension vs baselines), incremental (100 nodes appended to a
// scanned 10 MB page), strict CSP (engine in the service worker) vs direct, memory per tab,
// a 100k-name list in the background, what Chromium charges for highlights (platform), and CPU
// profiles of the content script.
//
// Inputs: node bench/gen-data.mjs; scripts/build-extension.sh. Usage:
//   node bench/e2e.mjs [--runs N] [--only 1mb,10mb,incremental,csp,memory,list,platform,profile]
//                      [--methods ext,plain,markRegExp,markArray] [--profile-pages 1mb,10mb] [--json out.json]
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_ARGS } from './server.mjs';
import { htmlPage } from './pages.mjs';
import { traced, marks, tasksOf, windowCost } from './trace.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', process.env.BENCH_RUNS || 5));
const ONLY = new Set(arg('only', '1mb,10mb,incremental,csp,memory,list,platform,profile').split(','));
const VIEWPORT = { width: 1280, height: 720 };
const log = (...a) => console.error('[e2e]', ...a);

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : '–');

// ---------------------------------------------------------------------------------------------
// Inputs: pages, names.
const blocks = JSON.parse(readFileSync(join(repo, 'target/bench/page-text.json'), 'utf8'));
const PAGES = {
  '1mb': htmlPage(blocks, 1_000_000, { title: 'bioflag benchmark page, 1 MB' }),
  '10mb': htmlPage(blocks, 10_000_000, { title: 'bioflag benchmark page, 10 MB' }),
  small: htmlPage(blocks, 20_000, { title: 'bioflag benchmark page, 20 KB' }),
};

/**
 * Every name and alias of the built-in catalog, from the engine itself (as bench/wasm-engine.mjs),
 * and the engine's memory (in Node, same Rust code as the extension's wasm): the matcher's own
 * estimate and the WASM linear memory after building, after scanning a 1 MB page the way the
 * content script does (64 K-character batches), and with the 100k-name list.
 */
async function engineFacts() {
  const { default: init, Engine } = await import('../build/wasm/web/bioflag.js');
  const exports = await init({ module_or_path: readFileSync(join(repo, 'build/wasm/web/bioflag_bg.wasm')) });
  const mb = (bytes) => bytes / 2 ** 20;
  const facts = { initialMB: mb(exports.memory.buffer.byteLength) };
  const engine = new Engine([]);
  facts.builtin = { matcherMB: mb(engine.info().memory), linearMB: mb(exports.memory.buffer.byteLength) };
  const names = new Set();
  for (const e of engine.entities()) {
    const card = engine.card(e.index);
    names.add(card.name);
    for (const a of card.aliases) names.add(a);
  }
  const encoder = new TextEncoder();
  let batch = [];
  let chars = 0;
  let total = 0;
  const flush = () => {
    const capacity = batch.reduce((n, b) => n + b.length * 3, 0) || 1;
    engine.resetDocument();
    const ptr = engine.input(capacity);
    const memory = new Uint8Array(exports.memory.buffer, ptr, capacity);
    const lengths = new Uint32Array(batch.length);
    let at = 0;
    batch.forEach((b, i) => { at += (lengths[i] = encoder.encodeInto(b, memory.subarray(at)).written); });
    engine.scan(lengths, true);
    batch = [];
    chars = 0;
  };
  for (const b of blocks) {
    if (total >= 1_000_000) break;
    batch.push(b);
    chars += b.length;
    total += b.length;
    if (chars >= 64 * 1024) flush();
  }
  if (batch.length) flush();
  facts.builtin.afterScanMB = mb(exports.memory.buffer.byteLength);
  engine.free();
  const big = new Engine([{ name: 'names-100k.json', text: readFileSync(join(repo, 'target/bench/names-100k.json'), 'utf8') }]);
  facts.list100k = { matcherMB: mb(big.info().memory), linearMB: mb(exports.memory.buffer.byteLength) };
  big.free();
  return { names: [...names], facts };
}

// ---------------------------------------------------------------------------------------------
// Browsers.

/** A copy of the built extension with the bench test flags. */
function benchExtension() {
  // BIOFLAG_BENCH_EXTENSION: another unpacked build to measure (an experiment), instead of dist.
  const dist = process.env.BIOFLAG_BENCH_EXTENSION || join(repo, 'extension/dist/chromium');
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} missing: run scripts/build-extension.sh`);
  const dir = mkdtempSync(join(tmpdir(), 'bioflag-bench-ext-'));
  cpSync(dist, dir, { recursive: true });
  writeFileSync(join(dir, 'build-flags.js'), 'globalThis.bioflagBuild = Object.freeze({ test: true, bench: true, browser: \'chromium\' });\n');
  return dir;
}

async function launchBrowsers() {
  const extDir = benchExtension();
  const profile = mkdtempSync(join(tmpdir(), 'bioflag-bench-profile-'));
  const ext = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: VIEWPORT,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
  });
  const worker = ext.serviceWorkers()[0] || (await ext.waitForEvent('serviceworker'));
  const plainBrowser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const plain = await plainBrowser.newContext({ viewport: VIEWPORT });
  return {
    ext, worker, plain, version: plainBrowser.version(),
    close: async () => {
      await ext.close();
      await plainBrowser.close();
      rmSync(extDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// In-page helpers (serialised into the page).

/** Resolves with the detail of the `count`-th mark named `name` (a PerformanceObserver, no polling). */
const WAIT_MARK = `(name, count) => new Promise((resolve) => {
  const check = () => {
    const all = performance.getEntriesByName(name, 'mark');
    if (all.length >= count) { resolve(all[count - 1].detail ?? null); return true; }
    return false;
  };
  if (check()) return;
  const po = new PerformanceObserver(() => { if (check()) po.disconnect(); });
  po.observe({ type: 'mark' });
})`;

/** After the next frame has been produced. */
async function afterFrame(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
}

/** The extension's painted ranges, from the page's world (the highlight registry is shared). */
const COUNT_HIGHLIGHTS = `(() => { let n = 0; for (const [name, h] of CSS.highlights) if (name.startsWith('bioflag-')) n += h.size; return n; })()`;
const COUNT_TEXT_NODES = `(() => { let n = 0; const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); while (w.nextNode()) n++; return n; })()`;

/** The baselines, run in the page between marks `base:start` and `base:done`. */
async function baselineInPage({ method, names }) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  performance.mark('base:start');
  const source = `\\b(?:${[...names].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`;
  let found = 0;
  if (method === 'plain') {
    // What a careful JS developer would write today.
    const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE']);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (SKIP.has(n.parentNode.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [];
    const starts = [];
    const parts = [];
    let length = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push(n);
      starts.push(length);
      parts.push(n.data);
      length += n.data.length;
    }
    const text = parts.join('');
    const re = new RegExp(source, 'gi');
    const ranges = [];
    let i = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      while (i + 1 < nodes.length && starts[i + 1] <= s) i++;
      let j = i;
      while (j + 1 < nodes.length && starts[j + 1] < e) j++;
      const range = new Range();
      range.setStart(nodes[i], s - starts[i]);
      range.setEnd(nodes[j], e - starts[j]);
      ranges.push(range);
    }
    CSS.highlights.set('plain-bench', new Highlight(...ranges));
    found = ranges.length;
  } else if (method === 'markRegExp') {
    new window.Mark(document.body).markRegExp(new RegExp(source, 'gi'), { done: (n) => { found = n; } });
  } else if (method === 'markArray') {
    new window.Mark(document.body).mark(names, { separateWordSearch: false, done: (n) => { found = n; } });
  }
  performance.mark('base:done');
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return found;
}

// ---------------------------------------------------------------------------------------------
// One measured run of each kind.

/** Opens `path` in the extension browser; measures content-script start → first report. */
async function runExtension(B, server, path, { keepOpen = false, categories } = {}) {
  const page = await B.ext.newPage();
  const cdp = await B.ext.newCDPSession(page);
  const { events, result } = await traced(cdp, async () => {
    await page.goto(server.origin + path, { timeout: 0 });
    const detail = await page.evaluate(`(${WAIT_MARK})('bioflag:report', 1)`);
    await afterFrame(page);
    await page.waitForTimeout(100);
    return { detail, highlights: await page.evaluate(COUNT_HIGHLIGHTS) };
  }, categories);
  const cost = extensionCost(events);
  if (!keepOpen) await page.close();
  return { ...cost, ...result, page, cdp, events };
}

function extensionCost(events, n = 1) {
  const start = marks(events, 'bioflag:start').at(-1);
  const done = marks(events, 'bioflag:report').filter((m) => m.pid === start.pid && m.ts > start.ts)[n - 1];
  if (!start || !done) throw new Error('no bioflag marks in the trace');
  if (process.env.BENCH_DEBUG) {
    for (const t of tasksOf(events, start.pid, start.tid).filter((x) => x.end > start.ts - 300000 && x.ts <= done.ts + 100000 && x.cpu > 300)) {
      log(`  ${((t.ts - start.ts) / 1000).toFixed(1)} ms: ${(t.cpu / 1000).toFixed(2)} ms${t.rendering ? ' FRAME' : ''} ${t.source}`);
    }
  }
  return windowCost(events, start, done);
}

/** Opens `path` in the browser without the extension and runs baseline `method` in it. */
async function runBaseline(B, server, path, method, names, { categories } = {}) {
  const page = await B.plain.newPage();
  const cdp = await B.plain.newCDPSession(page);
  await page.goto(server.origin + path, { timeout: 0 });
  if (method.startsWith('mark')) await page.addScriptTag({ url: '/node_modules/mark.js/dist/mark.min.js' });
  if (method === 'plain') await page.addStyleTag({ content: '::highlight(plain-bench) { background-color: rgba(255, 193, 7, 0.42); }' });
  await afterFrame(page);
  await page.waitForTimeout(200);
  const { events, result: found } = await traced(cdp, () => page.evaluate(baselineInPage, { method, names }), categories);
  const cost = windowCost(events, marks(events, 'base:start').at(-1), marks(events, 'base:done').at(-1));
  await page.close();
  return { ...cost, found };
}

// ---------------------------------------------------------------------------------------------
// Sections.

const ALL_METHODS = [
  ['ext', 'bioflag extension'],
  ['plain', 'plain JS (TreeWalker + RegExp + CSS highlights)'],
  ['markRegExp', 'mark.js `markRegExp`'],
  ['markArray', 'mark.js `mark(array)`'],
];
const METHODS = ALL_METHODS.filter(([m]) => arg('methods', 'ext,plain,markRegExp,markArray').split(',').includes(m));

async function pageSection(B, server, names, key, runsOf) {
  const path = `/bench/page-${key}.html`;
  const all = Object.fromEntries(METHODS.map(([m]) => [m, []]));
  const maxRuns = Math.max(...METHODS.map(([m]) => runsOf(m)));
  // One unmeasured warm-up of the extension (service worker start, wasm compile cache).
  await runExtension(B, server, path);
  for (let r = 0; r < maxRuns; r++) {
    for (const [m] of METHODS) {
      if (r >= runsOf(m)) continue;
      const t = Date.now();
      const res = m === 'ext' ? await runExtension(B, server, path) : await runBaseline(B, server, path, m, names);
      delete res.page; delete res.cdp; delete res.events;
      all[m].push(res);
      log(`${key} ${m} run ${r + 1}: main ${f1(res.mainMs)} ms, wall ${f1(res.wallMs)} ms, longest ${f1(res.longestMs)} ms (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
  }
  const summary = {};
  for (const [m] of METHODS) {
    const runs = all[m];
    if (!runs.length) continue;
    summary[m] = {
      runs: runs.length,
      mainMs: median(runs.map((x) => x.mainMs)),
      wallMs: median(runs.map((x) => x.wallMs)),
      mainWallMs: median(runs.map((x) => x.mainWallMs)),
      longestMs: median(runs.map((x) => x.longestMs)),
      maxLongestMs: Math.max(...runs.map((x) => x.longestMs)),
      longestWallMs: median(runs.map((x) => x.longestWallMs)),
      longestScriptMs: median(runs.map((x) => x.longestScriptMs)),
      maxLongestScriptMs: Math.max(...runs.map((x) => x.longestScriptMs)),
      longestFrameMs: median(runs.map((x) => x.longestFrameMs)),
      framesMs: median(runs.map((x) => x.framesMs)),
      frameMs: median(runs.map((x) => x.frameMs)),
      frames: median(runs.map((x) => x.frames)),
      tasks: median(runs.map((x) => x.tasks)),
      found: m === 'ext' ? runs.at(-1).highlights : runs.at(-1).found,
      detail: m === 'ext' ? runs.at(-1).detail : undefined,
    };
  }
  return summary;
}

function pageTable(key, info, s) {
  const ext = s.ext;
  const lines = [
    `#### ${key === '1mb' ? '~1 MB' : '~10 MB'} page: ${(info.textBytes / 1e6).toFixed(2)} MB of text, ${info.textNodes} text nodes, ${(info.html.length / 1e6).toFixed(1)} MB of HTML`,
    '',
    '| method | runs | main-thread time | baseline / bioflag | of which frames | the frame after done (paints the result) | longest task (wall) | longest frame / other task | wall (start → done) | tasks | highlights |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [m, label] of METHODS) {
    const x = s[m];
    if (!x) {
      lines.push(`| ${label} | 0 | not run | | | | | | | | |`);
      continue;
    }
    lines.push(`| ${label} | ${x.runs} | ${f1(x.mainMs)} ms | ${m === 'ext' ? '–' : ratio(x.mainMs, ext.mainMs)} | ${f1(x.framesMs)} ms (${f0(x.frames)}) | ${f1(x.frameMs)} ms | ${f1(x.longestMs)} ms (${f1(x.longestWallMs)}) | ` +
      `${f1(x.longestFrameMs)} / ${f1(x.longestScriptMs)} ms | ${f1(x.wallMs)} ms | ${f0(x.tasks)} | ${x.found} |`);
  }
  if (ext && ext.detail) {
    const d = ext.detail;
    lines.push('', `Extension's own accounting (last run): ${d.flushes} flush(es), engine (encode + scan) ${f1(d.scanMs)} ms, longest slice ${f1(d.longestSliceMs)} ms (wall), ${d.painted} ranges painted, engine ${d.engine}` +
      `${d.capped && d.capped.text ? '; **the flush stopped at its cap of 4 M characters of text** (scanner.js MAX_PASS_CHARS, a bound for hostile pages): the rest of the page was not scanned, hence fewer highlights' : ''}.`);
  }
  lines.push('', 'Highlights: ranges registered (bioflag, plain JS) or elements wrapped (mark.js). The RegExp alternation misses the Chinese names (`\\b` is ASCII-only); ' +
    'mark.js without acrossElements misses names split by inline markup; `mark(array)` (accuracy "partially") also matches inside words; bioflag keeps weak aliases ("BGI") only with evidence. ' +
    'Frames: the extension starts at document_idle, right after DOMContentLoaded, so its window also holds the page\'s own first frame after parsing ends (bench/highlight-cost.mjs measures it without any script); the baselines start once the page has settled. "The frame after done" is the one that paints the highlights in both.');
  return lines;
}

/** A feed loading more: 100 paragraphs in a new section at the end of <main>, 10 naming flagged entities. */
function appendFeed(page, r) {
  return page.evaluate((r) => {
    const feed = document.createElement('section');
    for (let i = 0; i < 100; i++) {
      const p = document.createElement('p');
      p.textContent = i % 10 === 0
        ? `Update ${r}.${i}: the lab now runs on BGI Genomics sequencers and MGI Tech reagents, the report says.`
        : `Update ${r}.${i}: shipping times for the sample kits improved again this week, customers report.`;
      feed.append(p);
    }
    document.querySelector('main').append(feed);
    performance.mark('page:append');
  }, r);
}

/**
 * 100 new nodes appended to the scanned 10 MB page: the extension's cost until they are painted.
 * From the page's append to the extension's report, every task except the frames (those render
 * the page's own new nodes) is the extension's work (its MutationObserver callback runs inside
 * the page's append task and is not counted: it only queues the new element); then the frame
 * after the report, which paints the new highlights, is the extension's too.
 */
async function incrementalSection(B, server, runs) {
  const first = await runExtension(B, server, '/bench/page-10mb.html', { keepOpen: true });
  const { page, cdp } = first;
  const results = [];
  for (let r = 0; r < runs; r++) {
    const reports = await page.evaluate(() => performance.getEntriesByName('bioflag:report', 'mark').length);
    const { events } = await traced(cdp, async () => {
      await appendFeed(page, r);
      // Wait without talking to the page first: a page.evaluate pending during the update is
      // itself a main-thread task (~0.5 ms, IPC) inside the measured window. The report comes
      // ~60 ms after the append; by the time this evaluate arrives it returns at once.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await page.evaluate(`(${WAIT_MARK})('bioflag:report', ${reports + 1})`);
      await afterFrame(page);
      await page.waitForTimeout(100);
    });
    const append = marks(events, 'page:append').at(-1);
    const report = marks(events, 'bioflag:report').filter((m) => m.ts > append.ts)[0];
    const tasks = tasksOf(events, append.pid, append.tid);
    const inside = tasks.filter((t) => t.ts > append.ts && t.ts <= report.ts);
    const script = inside.filter((t) => !t.rendering);
    const pageFrames = inside.filter((t) => t.rendering);
    const frame = tasks.find((t) => t.ts > report.ts && t.rendering);
    const ms = (xs) => xs.reduce((n, t) => n + t.cpu, 0) / 1000;
    const x = {
      scriptMs: ms(script), scriptTasks: script.length, longestScriptMs: Math.max(0, ...script.map((t) => t.cpu)) / 1000,
      frameMs: frame ? frame.cpu / 1000 : NaN, pageFrameMs: ms(pageFrames), wallMs: (report.ts - append.ts) / 1000,
    };
    x.mainMs = x.scriptMs + (x.frameMs || 0);
    results.push(x);
    if (process.env.BENCH_DEBUG) for (const t of script) log(`  ${(t.cpu / 1000).toFixed(2)} ms ${t.source}`);
    log(`incremental run ${r + 1}: script ${f1(x.scriptMs)} ms in ${x.scriptTasks} tasks, highlight frame ${f1(x.frameMs)} ms, page's own frames ${f1(x.pageFrameMs)} ms, wall ${f1(x.wallMs)} ms`);
  }
  // One more, profiled (V8 sampling): what the extension's script does.
  const reports = await page.evaluate(() => performance.getEntriesByName('bioflag:report', 'mark').length);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const { events } = await traced(cdp, async () => {
    await appendFeed(page, runs);
    await page.evaluate(`(${WAIT_MARK})('bioflag:report', ${reports + 1})`);
  });
  const { profile } = await cdp.send('Profiler.stop');
  const append = marks(events, 'page:append').at(-1);
  const profiled = summarizeProfile(profile, append.ts, marks(events, 'bioflag:report').filter((m) => m.ts > append.ts)[0].ts);
  await page.close();
  const m = (k) => median(results.map((x) => x[k]));
  return {
    profile: profiled,
    runs: results.length, mainMs: m('mainMs'), scriptMs: m('scriptMs'), scriptTasks: m('scriptTasks'), longestScriptMs: m('longestScriptMs'),
    frameMs: m('frameMs'), pageFrameMs: m('pageFrameMs'), wallMs: m('wallMs'),
  };
}

/**
 * What Chromium charges for highlights, without the extension: on a fresh copy of the page, the
 * frame after a ::highlight style sheet is added once the page has rendered, and the frame after
 * 10 ranges are added to a registered Highlight that already holds `existing` of them.
 */
async function platformSection(B, server, key, runs) {
  const out = { sheet: [], add10: [], add10of1000: [] };
  for (let r = 0; r < runs; r++) {
    const page = await B.plain.newPage();
    const cdp = await B.plain.newCDPSession(page);
    await page.goto(`${server.origin}/bench/page-${key}.html`, { timeout: 0 });
    await afterFrame(page);
    await page.waitForTimeout(200);
    await page.evaluate(() => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      window.benchRanges = [];
      for (let n = w.nextNode(); n && window.benchRanges.length < 1010; n = w.nextNode()) {
        if (n.data.length < 8) continue;
        const range = new Range();
        range.setStart(n, 0);
        range.setEnd(n, 4);
        window.benchRanges.push(range);
      }
    });
    const step = async (name, fn) => {
      const { events } = await traced(cdp, () => page.evaluate(`(async () => { performance.mark('p:start'); (${fn})(); performance.mark('p:done');
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); })()`));
      const c = windowCost(events, marks(events, 'p:start').at(-1), marks(events, 'p:done').at(-1));
      out[name].push(c.frameMs);
      await page.waitForTimeout(100);
    };
    await step('sheet', () => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('::highlight(bench) { background-color: yellow; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    await page.evaluate(() => { window.benchHighlight = new Highlight(); CSS.highlights.set('bench', window.benchHighlight); });
    await afterFrame(page);
    await step('add10', () => { for (const range of window.benchRanges.slice(0, 10)) window.benchHighlight.add(range); });
    await page.evaluate(() => { for (const range of window.benchRanges.slice(10, 1000)) window.benchHighlight.add(range); });
    await afterFrame(page);
    await step('add10of1000', () => { for (const range of window.benchRanges.slice(1000, 1010)) window.benchHighlight.add(range); });
    await page.close();
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
}

/** The same page with `script-src 'self'` (remote engine) against without (local engine). */
async function cspSection(B, server, key, runs) {
  const out = { direct: [], csp: [] };
  await runExtension(B, server, `/bench/csp/page-${key}.html`); // warm-up
  for (let r = 0; r < runs; r++) {
    for (const [k, path] of [['direct', `/bench/page-${key}.html`], ['csp', `/bench/csp/page-${key}.html`]]) {
      const res = await runExtension(B, server, path);
      out[k].push(res);
      log(`csp ${key} ${k} run ${r + 1}: engine ${res.detail && res.detail.engine}, main ${f1(res.mainMs)} ms, wall ${f1(res.wallMs)} ms`);
    }
  }
  const sum = (xs) => ({
    runs: xs.length,
    engine: xs.at(-1).detail && xs.at(-1).detail.engine,
    wallMs: median(xs.map((x) => x.wallMs)),
    mainMs: median(xs.map((x) => x.mainMs)),
    longestMs: median(xs.map((x) => x.longestMs)),
    highlights: xs.at(-1).highlights,
  });
  return { direct: sum(out.direct), csp: sum(out.csp) };
}

/** The renderer process of `page`: its pid, found from a mark in a short trace. */
async function rendererPid(page, cdp) {
  const { events } = await traced(cdp, () => page.evaluate(() => performance.mark('bench:pid')));
  return marks(events, 'bench:pid').at(-1).pid;
}

function processMemory(pid) {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (k) => Number((text.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) || [])[1] || 0);
  return { rss: kb('Rss') / 1024, pss: kb('Pss') / 1024, private: (kb('Private_Clean') + kb('Private_Dirty')) / 1024 };
}

/** Per-tab memory, extension against none, on the same page (fresh tab each run, after a GC). */
async function memorySection(B, server, keys, runs) {
  const out = {};
  for (const name of keys) {
    // `<key>-csp`: the same page under the strict CSP, where the engine is the service worker's.
    const [key, csp] = name.endsWith('-csp') ? [name.slice(0, -4), true] : [name, false];
    const acc = { ext: [], plain: [], css: [] };
    for (let r = 0; r < runs; r++) {
      for (const which of ['ext', 'plain', 'css']) {
        const ctx = which === 'ext' ? B.ext : B.plain;
        const page = await ctx.newPage();
        const cdp = await ctx.newCDPSession(page);
        await page.goto(`${server.origin}/bench/${csp ? 'csp/' : ''}page-${key}${which === 'css' ? '-hlcss' : ''}.html`, { timeout: 0 });
        if (which === 'ext') await page.evaluate(`(${WAIT_MARK})('bioflag:report', 1)`);
        await page.waitForTimeout(1000);
        await cdp.send('HeapProfiler.collectGarbage');
        await page.waitForTimeout(300);
        await cdp.send('Performance.enable');
        const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
        const pid = await rendererPid(page, cdp);
        acc[which].push({ jsHeap: metrics.JSHeapUsedSize / 2 ** 20, jsHeapTotal: metrics.JSHeapTotalSize / 2 ** 20, ...processMemory(pid) });
        await page.close();
      }
    }
    const m = (which, k) => median(acc[which].map((x) => x[k]));
    out[name] = Object.fromEntries(['jsHeap', 'jsHeapTotal', 'private', 'pss', 'rss'].map((k) => [k, {
      ext: m('ext', k), plain: m('plain', k), diff: m('ext', k) - m('plain', k), css: m('css', k), cssDiff: m('css', k) - m('plain', k),
    }]));
    out[name].runs = runs;
    log(`memory ${name}: ${JSON.stringify(out[name])}`);
  }
  return out;
}

/** A 100k-name list: built once in the service worker; its scan speed there; pages using it. */
async function listSection(B, server, runs) {
  const text = readFileSync(join(repo, 'target/bench/names-100k.json'), 'utf8');
  const out = {};
  // Build time and scan speed, in the service worker itself (where the shared engine lives).
  await B.worker.evaluate((blocks) => { globalThis.benchBlocks = blocks; }, blocks);
  const sw = await B.worker.evaluate(async ({ text, runs }) => {
    const core = globalThis.bioflagEngineCore;
    const exports = await core.init(chrome.runtime.getURL('wasm/bioflag_bg.wasm'));
    const lists = [{ name: 'names-100k.json', text }];
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const builds = [];
    let engine = null;
    for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) {
      if (engine) engine.free();
      const t = performance.now();
      engine = core.build(lists);
      builds.push(performance.now() - t);
    }
    const blocks = globalThis.benchBlocks;
    const bytes = blocks.reduce((n, b) => n + new TextEncoder().encode(b).length, 0);
    const scans = [];
    let matches = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      matches = core.scan(engine, exports, blocks).length / core.FIELDS;
      scans.push(performance.now() - t);
    }
    // The same text in the batches a content script sends (64 K characters), one message each.
    engine.free();
    const builtin = core.build([]);
    const t0 = performance.now();
    core.scan(builtin, exports, blocks);
    const builtinMs = performance.now() - t0;
    builtin.free();
    delete globalThis.benchBlocks;
    return { buildMs: med(builds), builds, scanMs: med(scans), bytes, matches, mbps: bytes / 1e3 / med(scans), builtinMbps: bytes / 1e3 / builtinMs };
  }, { text, runs });
  out.sw = sw;
  log(`list: service worker build ${f0(sw.buildMs)} ms, scan ${f0(sw.mbps)} MB/s`);
  // Pages with the list imported: content scripts use the shared background engine.
  // Through the extension's own storage module (its schema changes; the options page uses it too).
  await B.worker.evaluate(async (text) => {
    await globalThis.bioflagStorage.saveLists([{ name: 'names-100k.json', text, source: 'bench', importedAt: '2026-11-26T00:00:00Z' }]);
  }, text);
  await new Promise((r) => setTimeout(r, 500));
  const first = await runExtension(B, server, '/bench/page-1mb.html');
  const pages = [];
  for (let r = 0; r < runs; r++) pages.push(await runExtension(B, server, '/bench/page-1mb.html'));
  out.firstPage = { wallMs: first.wallMs, mainMs: first.mainMs, engine: first.detail && first.detail.engine };
  out.pages = {
    runs: pages.length, engine: pages.at(-1).detail && pages.at(-1).detail.engine,
    wallMs: median(pages.map((x) => x.wallMs)), mainMs: median(pages.map((x) => x.mainMs)), longestMs: median(pages.map((x) => x.longestMs)),
    highlights: pages.at(-1).highlights,
  };
  await B.worker.evaluate(() => globalThis.bioflagStorage.saveLists([]));
  await new Promise((r) => setTimeout(r, 500));
  log(`list: first page wall ${f0(first.wallMs)} ms; later pages wall ${f0(out.pages.wallMs)} ms`);
  return out;
}

/**
 * Self time per function, and total (inclusive) time per function of the extension's own files,
 * from a V8 CPU profile, for samples between trace timestamps `from` and `to`.
 */
function summarizeProfile(profile, from, to) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const keyOf = (cf) => {
    const file = cf.url ? cf.url.replace(/^chrome-extension:\/\/[a-z]+\//, 'ext:').replace(/^https?:\/\/[^/]+\//, '') : '';
    return `${cf.functionName || '(anonymous)'}${file ? ` ${file}:${cf.lineNumber + 1}` : ''}`;
  };
  const self = new Map();
  const inclusive = new Map();
  let t = profile.startTime;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < from || t > to) continue;
    const next = i + 1 < profile.timeDeltas.length ? profile.timeDeltas[i + 1] : 0;
    const node = nodes.get(profile.samples[i]);
    if (node.callFrame.functionName === '(idle)') continue;
    const k = keyOf(node.callFrame);
    self.set(k, (self.get(k) || 0) + next);
    total += next;
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const cf = nodes.get(id).callFrame;
      if (!cf.url.startsWith('chrome-extension://')) continue;
      const key = keyOf(cf);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) || 0) + next);
    }
  }
  const list = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => ({ frame: k, ms: us / 1000, share: us / total }));
  return { top: list(self, 15), inclusive: list(inclusive, 12), sampledMs: total / 1000 };
}

/** Where the extension's time goes on `path`, from one more run with a CPU profile (V8 sampling). */
async function profileSection(B, server, key) {
  server.page('/bench/blank.html', '<!doctype html><title>blank</title>');
  const url = `${server.origin}/bench/page-${key}.html`;
  const open = async (page) => {
    await page.goto(url, { timeout: 0 });
    await page.evaluate(`(${WAIT_MARK})('bioflag:report', 1)`);
    await afterFrame(page);
    await page.waitForTimeout(100);
  };
  // A same-site blank page first, so the profiler runs in the page's renderer.
  const page = await B.ext.newPage();
  const cdp = await B.ext.newCDPSession(page);
  await page.goto(`${server.origin}/bench/blank.html`);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  const light = await traced(cdp, () => open(page));
  const { profile } = await cdp.send('Profiler.stop');
  await page.close();
  const pStart = marks(light.events, 'bioflag:start').at(-1);
  const pDone = marks(light.events, 'bioflag:report').filter((m) => m.ts > pStart.ts)[0];
  const cost = windowCost(light.events, pStart, pDone);

  // Self time per function, within the window (profile timestamps are trace timestamps).
  const { top, inclusive, sampledMs } = summarizeProfile(profile, pStart.ts, pDone.ts);
  return { key, cost, top, inclusive, sampledMs };
}

// ---------------------------------------------------------------------------------------------

export async function runE2E() {
  const server = await startServer();
  // The pages with the extension's ::highlight rules in the page itself (memory attribution).
  const cssFile = join(process.env.BIOFLAG_BENCH_EXTENSION || join(repo, 'extension/dist/chromium'), 'content/highlight.css');
  const hlcss = existsSync(cssFile) ? readFileSync(cssFile, 'utf8') : '';
  for (const [key, p] of Object.entries(PAGES)) {
    server.page(`/bench/page-${key}.html`, p.html);
    server.page(`/bench/page-${key}-hlcss.html`, p.html.replace('</head>', `<style>${hlcss}</style>\n</head>`));
    server.page(`/bench/csp/page-${key}-hlcss.html`, p.html.replace('</head>', `<style>${hlcss}</style>\n</head>`), { 'content-security-policy': "script-src 'self'" });
    server.page(`/bench/csp/page-${key}.html`, p.html, { 'content-security-policy': "script-src 'self'" });
  }
  const { names, facts } = await engineFacts();
  const B = await launchBrowsers();
  const results = { chromium: B.version, runs: RUNS, names: names.length, engine: facts };
  const lines = [];
  try {
    // Text nodes per page, as the browser parsed it.
    for (const key of ['1mb', '10mb']) {
      const page = await B.plain.newPage();
      await page.goto(`${server.origin}/bench/page-${key}.html`, { timeout: 0 });
      PAGES[key].textNodes = await page.evaluate(COUNT_TEXT_NODES);
      await page.close();
    }
    lines.push(`### End to end, Chromium ${B.version} (headless), median of ${RUNS} runs unless noted`, '',
      `Same session, runs alternating; baselines in a second browser without the extension, each run in a fresh tab. ${names.length} names (the built-in catalog's names and aliases). ` +
      'Main-thread time = thread time (CPU) of the renderer main-thread tasks from the start mark to the done mark, plus the frame that paints the result; longest task likewise in thread time, with its wall time.', '');
    if (ONLY.has('1mb')) {
      log('1 MB page');
      results.page1mb = await pageSection(B, server, names, '1mb', () => RUNS);
      lines.push(...pageTable('1mb', PAGES['1mb'], results.page1mb), '');
    }
    if (ONLY.has('10mb')) {
      log('10 MB page');
      // mark.js mark(array) takes tens of seconds here: one run.
      results.page10mb = await pageSection(B, server, names, '10mb', (m) => (m === 'markArray' ? 1 : m === 'markRegExp' ? Math.min(RUNS, 3) : RUNS));
      lines.push(...pageTable('10mb', PAGES['10mb'], results.page10mb), '');
    }
    if (ONLY.has('incremental')) {
      log('incremental');
      const x = results.incremental = await incrementalSection(B, server, RUNS);
      lines.push('#### Incremental: 100 paragraphs appended to the scanned 10 MB page (10 of them naming flagged entities)', '',
        '| runs | extension script (thread time) | its longest task | frame repainting the highlights | total | page\'s own frame(s) for the new nodes, for scale | wall (append → report) |',
        '|---|---|---|---|---|---|---|',
        `| ${x.runs} | ${f1(x.scriptMs)} ms in ${f0(x.scriptTasks)} tasks | ${f1(x.longestScriptMs)} ms | ${f1(x.frameMs)} ms | ${f1(x.mainMs)} ms | ${f1(x.pageFrameMs)} ms | ${f1(x.wallMs)} ms |`, '',
        'Script: every non-frame task of the page\'s main thread from the append to the extension\'s report (its flush waits ~60 ms after the mutation). ' +
        'Frame: the one after the report, which paints the new highlights; Chromium repaints the whole document for any highlight change.', '',
        'One more append, profiled (V8 sampling, append → report; `(program)` includes the page\'s own frame):', '',
        '| self time | function | | total time | extension function |', '|---|---|---|---|---|',
        ...x.profile.top.slice(0, 10).map((t, i) => {
          const inc = x.profile.inclusive[i];
          return `| ${f1(t.ms)} ms | \`${t.frame}\` | | ${inc ? `${f1(inc.ms)} ms` : ''} | ${inc ? `\`${inc.frame}\`` : ''} |`;
        }), '');
    }
    if (ONLY.has('csp')) {
      log('strict CSP');
      const x = results.csp = await cspSection(B, server, '1mb', RUNS);
      lines.push('#### Strict CSP (`script-src \'self\'`: engine in the service worker) against the direct path, 1 MB page', '',
        '| path | engine | wall (start → done) | main-thread time | longest task | highlights |', '|---|---|---|---|---|---|',
        `| direct | ${x.direct.engine} | ${f1(x.direct.wallMs)} ms | ${f1(x.direct.mainMs)} ms | ${f1(x.direct.longestMs)} ms | ${x.direct.highlights} |`,
        `| strict CSP | ${x.csp.engine} | ${f1(x.csp.wallMs)} ms (${ratio(x.csp.wallMs, x.direct.wallMs)}) | ${f1(x.csp.mainMs)} ms (${ratio(x.csp.mainMs, x.direct.mainMs)}) | ${f1(x.csp.longestMs)} ms | ${x.csp.highlights} |`, '');
    }
    if (ONLY.has('memory')) {
      log('memory');
      const x = results.memory = await memorySection(B, server, ['small', '1mb', 'small-csp'], RUNS);
      lines.push('#### Memory per tab: the page with the extension (built-in catalog) against without, after a GC', '',
        '| page | JS heap used (with / without / extra) | renderer private memory (with / without / extra) | renderer PSS extra | without the extension but with its ::highlight style sheet: private memory extra |',
        '|---|---|---|---|---|');
      for (const [key, label] of [['small', '20 KB of text'], ['1mb', '1 MB page'], ['small-csp', '20 KB of text, strict CSP (engine in the service worker)']]) {
        const m = x[key];
        lines.push(`| ${label} | ${f1(m.jsHeap.ext)} / ${f1(m.jsHeap.plain)} / **${f1(m.jsHeap.diff)} MB** | ${f1(m.private.ext)} / ${f1(m.private.plain)} / **${f1(m.private.diff)} MB** | ${f1(m.pss.diff)} MB | ${f1(m.private.cssDiff)} MB |`);
      }
      const e = results.engine;
      lines.push('', `WASM engine with the built-in catalog (measured in Node, same code): matcher ${f1(e.builtin.matcherMB)} MB by its own estimate; linear memory ${f1(e.initialMB)} MB at start, ` +
        `${f1(e.builtin.linearMB)} MB once built, ${f1(e.builtin.afterScanMB)} MB after scanning a 1 MB page in 64 K-character batches (WASM memory never shrinks).`);
      lines.push('', 'JS heap: CDP `Performance.getMetrics` JSHeapUsedSize (the content script\'s isolated world shares the page\'s heap; WASM memory is not in it). ' +
        'Private memory and PSS: /proc/<renderer pid>/smaps_rollup (WASM memory included). `performance.measureUserAgentSpecificMemory` needs a cross-origin-isolated page and is not used.', '');
    }
    if (ONLY.has('list')) {
      log('100k list');
      const x = results.list = await listSection(B, server, Math.min(RUNS, 3));
      lines.push('#### A 100k-name imported list, built once in the background (service worker)', '',
        '| build (median of ' + x.sw.builds.length + ') | scan, 10 MB page text in one call | built-in alone, same text | 1 MB page, first after import (wall) | 1 MB page later (wall / main thread) |', '|---|---|---|---|---|',
        `| ${f0(x.sw.buildMs)} ms | ${f0(x.sw.mbps)} MB/s (${x.sw.matches} matches) | ${f0(x.sw.builtinMbps)} MB/s | ${f0(x.firstPage.wallMs)} ms (engine ${x.firstPage.engine}) | ${f0(x.pages.wallMs)} ms / ${f1(x.pages.mainMs)} ms (engine ${x.pages.engine}, ${x.pages.highlights} highlights) |`, '',
        `Build: \`new Engine\` in the service worker, wall clock (the worker has its own thread). Memory of that engine (Node, same code): matcher ${f1(results.engine.list100k.matcherMB)} MB by its own estimate, WASM linear memory ${f1(results.engine.list100k.linearMB)} MB.`, '');
    }
    if (ONLY.has('platform')) {
      log('platform');
      const x = results.platform = { '1mb': await platformSection(B, server, '1mb', Math.min(RUNS, 3)), '10mb': await platformSection(B, server, '10mb', Math.min(RUNS, 3)) };
      lines.push('#### What Chromium charges for highlights (no extension; thread time of the next frame, median of ' + Math.min(RUNS, 3) + ')', '',
        '| page | a ::highlight style sheet added after the page rendered | 10 ranges added to a registered Highlight | 10 more when it holds 1,000 |', '|---|---|---|---|',
        ...['1mb', '10mb'].map((k) => `| ${k === '1mb' ? '1 MB' : '10 MB'} | ${f1(x[k].sheet)} ms | ${f1(x[k].add10)} ms | ${f1(x[k].add10of1000)} ms |`), '',
        'Any change to the highlight registry costs a pre-paint and paint of the whole document, whatever the number of ranges: ' +
        'this is the floor under every highlight update, for the extension and for the plain-JS baseline alike.', '');
    }
    if (ONLY.has('profile')) {
      log('profiles');
      results.profiles = [];
      for (const key of (arg('profile-pages', '1mb,10mb')).split(',')) {
        const p = await profileSection(B, server, key);
        results.profiles.push(p);
        lines.push(`#### Where the extension's main-thread time goes, ${key === '1mb' ? '1 MB' : '10 MB'} page (one more run, with a CPU profile)`, '',
          `That run: ${f1(p.cost.mainMs)} ms of main-thread time, of which ${f1(p.cost.framesMs)} ms in ${p.cost.frames} frames (style, layout, pre-paint, paint: \`(program)\` below); ` +
          `${f1(p.sampledMs)} ms sampled between the marks (samples count wall time).`, '',
          '| self time | share | function (top 15 by self time) |', '|---|---|---|',
          ...p.top.map((x) => `| ${f1(x.ms)} ms | ${(x.share * 100).toFixed(0)}% | \`${x.frame}\` |`), '',
          '| total time | share | extension function (top 12 by total time, callees included) |', '|---|---|---|',
          ...p.inclusive.map((x) => `| ${f1(x.ms)} ms | ${(x.share * 100).toFixed(0)}% | \`${x.frame}\` |`), '');
      }
    }
  } finally {
    await B.close();
    await server.close();
  }
  return { lines, results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runE2E();
  console.log(out.lines.join('\n'));
  const json = arg('json');
  if (json) writeFileSync(json, JSON.stringify(out, null, 1));
}
