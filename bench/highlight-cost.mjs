// What a highlight paint costs Chromium, factor by factor (no extension): on fresh copies of the
// generated 1 MB page, ~880 ranges spread over the document (about as many as the page names)
// are painted in each of these ways, and the thread time of the frames that follow is read from a
// trace (bench/trace.mjs). One factor changes at a time against the first row, in one session,
// variants alternating run by run:
//   - the style: background only, or background + text-decoration (the extension's tiers);
//   - one Highlight or four (one per tier, ranges split among them);
//   - built, then registered once, or registered empty and the ranges added one by one;
//   - Range or StaticRange;
//   - one paint, or two (half the ranges, a frame, the other half);
//   - incremental: 10 more ranges on a page that holds the 880, added to the painted Highlight
//     or registered as a Highlight of their own.
// Every page carries all the rules measured (the extension's four tier rules as they were, with
// text-decoration, and background-only ones) before it first renders, as the extension's
// manifest CSS is. Also, with `--ext`, the frames of one extension run on the same
// page broken down by phase (style, layout, pre-paint, paint).
// Inputs: node bench/gen-data.mjs; scripts/build-extension.sh (for --ext).
// Usage: node bench/highlight-cost.mjs [--runs N] [--ext]
/* global benchParts, benchMore, benchRange, benchH, benchEl -- page globals set by prepare() and the setups */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_ARGS } from './server.mjs';
import { htmlPage } from './pages.mjs';
import { traced, marks, windowCost, DETAIL_CATEGORIES } from './trace.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 3));
const RANGES = 880;
const log = (...a) => console.error('[highlight-cost]', ...a);
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');

// The extension's tier rules as they were (background + text-decoration), and background-only ones.
const RULES = `
::highlight(bench-plain) { background-color: rgba(255, 193, 7, 0.42); }
::highlight(bench-decor) { background-color: rgba(255, 193, 7, 0.42); text-decoration: underline 2px rgb(179, 38, 30); }
::highlight(bench-color) { background-color: rgba(255, 193, 7, 0.42); color: rgb(120, 20, 10); }
::highlight(bench-d0) { background-color: rgba(255, 193, 7, 0.42); text-decoration: underline 2px rgb(179, 38, 30); }
::highlight(bench-d1) { background-color: rgba(160, 160, 160, 0.35); text-decoration: underline 2px rgb(138, 109, 0); }
::highlight(bench-d2) { background-color: rgba(197, 138, 249, 0.30); text-decoration: underline 2px rgb(107, 75, 184); }
::highlight(bench-d3) { background-color: rgba(160, 160, 160, 0.25); text-decoration: underline dotted 2px rgb(95, 99, 104); }
::highlight(bench-t0) { background-color: rgba(255, 193, 7, 0.45); }
::highlight(bench-t1) { background-color: rgba(160, 160, 160, 0.40); }
::highlight(bench-t2) { background-color: rgba(197, 138, 249, 0.35); }
::highlight(bench-t3) { background-color: rgba(120, 200, 250, 0.35); }
`;
const blocks = JSON.parse(readFileSync(join(repo, 'target/bench/page-text.json'), 'utf8'));
const PAGE = htmlPage(blocks, 1_000_000, { title: 'bioflag highlight cost, 1 MB' });

/**
 * The variants: `paint` runs in the page (serialised), on window.benchParts = [{node, start, end}]
 * (RANGES of them in document order) and window.benchMore (10 more); returns after marking.
 * `setup` (optional) runs before timing, and a frame is let through after it.
 */
const VARIANTS = [
  {
    key: 'plain', label: 'one Highlight, background only, built then registered once (the plain-JS baseline)',
    paint: () => { CSS.highlights.set('bench-plain', new Highlight(...benchParts.map(benchRange))); },
  },
  {
    key: 'decor', label: 'the same, styled background + text-decoration (the old `bioflag-designated` rule)',
    paint: () => { CSS.highlights.set('bench-decor', new Highlight(...benchParts.map(benchRange))); },
  },
  {
    key: 'color', label: 'the same, styled background + colour (no decoration)',
    paint: () => { CSS.highlights.set('bench-color', new Highlight(...benchParts.map(benchRange))); },
  },
  {
    key: 'fourBg', label: 'four Highlights, background only (a colour per tier: the painter now), each built then registered',
    paint: () => {
      const hs = [0, 1, 2, 3].map(() => new Highlight());
      benchParts.forEach((p, i) => hs[i % 4].add(benchRange(p)));
      hs.forEach((h, i) => CSS.highlights.set(`bench-t${i}`, h));
    },
  },
  {
    key: 'four', label: 'four Highlights (one per tier, ranges round-robin), background + decoration, each built then registered',
    paint: () => {
      const hs = [0, 1, 2, 3].map(() => new Highlight());
      benchParts.forEach((p, i) => hs[i % 4].add(benchRange(p)));
      hs.forEach((h, i) => CSS.highlights.set(`bench-d${i}`, h));
    },
  },
  {
    key: 'oneByOne', label: 'one Highlight registered empty, then the ranges added one by one (as the painter did), decoration',
    setup: () => { window.benchH = new Highlight(); CSS.highlights.set('bench-decor', window.benchH); },
    paint: () => { for (const p of benchParts) benchH.add(benchRange(p)); },
  },
  {
    key: 'static', label: 'StaticRange instead of Range, decoration, built then registered',
    paint: () => { CSS.highlights.set('bench-decor', new Highlight(...benchParts.map((p) => new StaticRange({ startContainer: p.node, startOffset: p.start, endContainer: p.node, endOffset: p.end })))); },
  },
  {
    key: 'two', label: 'two paints: half the ranges, a frame, the other half (one registered Highlight, decoration)',
    two: true,
    setup: () => { window.benchH = new Highlight(); CSS.highlights.set('bench-decor', window.benchH); },
    paint: () => { for (const p of benchParts.slice(0, benchParts.length >> 1)) benchH.add(benchRange(p)); },
    paint2: () => { for (const p of benchParts.slice(benchParts.length >> 1)) benchH.add(benchRange(p)); },
  },
  {
    key: 'incrSame', label: 'incremental: 10 ranges added to the painted Highlight that holds the 880',
    setup: () => { window.benchH = new Highlight(...benchParts.map(benchRange)); CSS.highlights.set('bench-decor', window.benchH); },
    paint: () => { for (const p of benchMore) benchH.add(benchRange(p)); },
  },
  {
    key: 'incrNew', label: 'incremental: the same 10 as a Highlight of their own, registered once',
    setup: () => { window.benchH = new Highlight(...benchParts.map(benchRange)); CSS.highlights.set('bench-decor', window.benchH); },
    paint: () => { CSS.highlights.set('bench-d3', new Highlight(...benchMore.map(benchRange))); },
  },
  {
    key: 'incrBg', label: 'incremental, background only: 10 ranges added to the painted Highlight of the 880',
    setup: () => { window.benchH = new Highlight(...benchParts.map(benchRange)); CSS.highlights.set('bench-t0', window.benchH); },
    paint: () => { for (const p of benchMore) benchH.add(benchRange(p)); },
  },
  {
    key: 'none', label: 'floor: a frame after a change of no highlight (a class on an empty element)',
    setup: () => { window.benchEl = document.createElement('i'); document.body.append(window.benchEl); },
    paint: () => { benchEl.className = 'x'; },
  },
];

/** In the page: word ranges spread evenly over the text nodes, and a Range maker. */
function prepare(count) {
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = w.nextNode(); n; n = w.nextNode()) if (/\w{5}/.test(n.data)) nodes.push(n);
  const pick = (i) => {
    const node = nodes[i];
    const m = /\w{5,}/.exec(node.data);
    return { node, start: m.index, end: m.index + m[0].length };
  };
  const step = Math.floor(nodes.length / (count + 11));
  window.benchParts = Array.from({ length: count }, (_, i) => pick(i * step));
  window.benchMore = Array.from({ length: 10 }, (_, i) => pick(i * step + (step >> 1)));
  window.benchRange = (p) => {
    const r = new Range();
    r.setStart(p.node, p.start);
    r.setEnd(p.node, p.end);
    return r;
  };
}

const nextFrame = 'new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))';

async function measure(ctx, server, v) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await page.goto(`${server.origin}/bench/hl-1mb.html`, { timeout: 0 });
  await page.evaluate(prepare, RANGES);
  if (v.setup) await page.evaluate(`(${v.setup})()`);
  await page.evaluate(nextFrame);
  await page.waitForTimeout(200);
  const { events } = await traced(cdp, () => page.evaluate(`(async () => {
    performance.mark('p:start'); (${v.paint})();
    ${v.two ? `await ${nextFrame}; (${v.paint2})();` : ''}
    performance.mark('p:done'); await ${nextFrame}; })()`));
  const c = windowCost(events, marks(events, 'p:start').at(-1), marks(events, 'p:done').at(-1));
  await page.close();
  return c;
}

/** The thread time of the page's first frame after DOMContentLoaded, loaded without anything else. */
async function pageOwnFrame(ctx, server) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => performance.mark('p:dcl')));
  const { events } = await traced(cdp, async () => {
    await page.goto(`${server.origin}/bench/page-1mb.html`, { timeout: 0 });
    await page.evaluate(nextFrame);
    await page.waitForTimeout(300);
  });
  await page.close();
  const dcl = marks(events, 'p:dcl').at(-1);
  return windowCost(events, dcl, dcl).frameMs;
}

/** One extension run on the page, its frames by phase (trace events nested in each frame task). */
async function extensionFrames(server) {
  const { mkdtempSync, cpSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dist = process.env.BIOFLAG_BENCH_EXTENSION || join(repo, 'extension/dist/chromium');
  const dir = mkdtempSync(join(tmpdir(), 'bioflag-hl-ext-'));
  cpSync(dist, dir, { recursive: true });
  writeFileSync(join(dir, 'build-flags.js'), 'globalThis.bioflagBuild = Object.freeze({ test: true, bench: true, browser: \'chromium\' });\n');
  const profile = mkdtempSync(join(tmpdir(), 'bioflag-hl-profile-'));
  const ext = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 720 },
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const out = [];
  try {
    for (let r = 0; r < 2; r++) {
      const page = await ext.newPage();
      const cdp = await ext.newCDPSession(page);
      const { events } = await traced(cdp, async () => {
        await page.goto(`${server.origin}/bench/page-1mb.html`, { timeout: 0 });
        await page.waitForFunction(() => performance.getEntriesByName('bioflag:report', 'mark').length > 0, null, { timeout: 0 });
        await page.evaluate(nextFrame);
        await page.waitForTimeout(100);
      }, DETAIL_CATEGORIES);
      await page.close();
      if (r === 0) continue; // warm-up (service worker, wasm cache)
      const start = marks(events, 'bioflag:start').at(-1);
      const done = marks(events, 'bioflag:report').find((m) => m.ts > start.ts);
      const main = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X');
      const frames = main.filter((e) => e.args && e.args.src_func === 'ScheduledActionSendBeginMainFrame' && e.ts + e.dur > start.ts && e.ts < done.ts + 200000);
      const PHASES = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'HitTest', 'IntersectionObserverController::computeIntersections', 'UpdateLayer'];
      for (const f of frames) {
        const inside = main.filter((e) => e.ts >= f.ts && e.ts + e.dur <= f.ts + f.dur && e !== f);
        const phases = Object.fromEntries(PHASES.map((p) => [p, inside.filter((e) => e.name === p).reduce((n, e) => n + (e.tdur ?? e.dur), 0) / 1000]));
        out.push({ at: (f.ts - start.ts) / 1000, afterReport: f.ts > done.ts, cpu: (f.tdur ?? f.dur) / 1000, phases });
        if (process.env.BENCH_DEBUG && (f.tdur ?? f.dur) > 3000) {
          const by = {};
          for (const e of inside) by[e.name] = (by[e.name] || 0) + (e.tdur ?? e.dur) / 1000;
          log(`frame at ${((f.ts - start.ts) / 1000).toFixed(1)}:`, Object.entries(by).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, x]) => `${k} ${x.toFixed(1)}`).join(', '));
        }
      }
      cdp.detach().catch(() => {});
    }
  } finally {
    await ext.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
  return out;
}

const server = await startServer();
server.page('/bench/hl-1mb.html', PAGE.html.replace('</head>', `<style>${RULES}</style>\n</head>`));
server.page('/bench/page-1mb.html', PAGE.html);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
const res = Object.fromEntries(VARIANTS.map((v) => [v.key, []]));
try {
  for (let r = 0; r < RUNS; r++) {
    for (const v of VARIANTS) {
      const c = await measure(ctx, server, v);
      res[v.key].push(c);
      log(`run ${r + 1} ${v.key}: frames ${f1(c.framesMs)} ms in ${c.frames}, script ${f1(c.mainMs - c.framesMs)} ms`);
    }
  }
  const base = median(res.plain.map((c) => c.framesMs));
  const lines = [`#### Highlight paints, factor by factor (Chromium ${browser.version()} headless, 1 MB page, ${RANGES} ranges, median of ${RUNS}; \`node bench/highlight-cost.mjs\`)`, '',
    '| how the ranges are painted | frames (thread time) | frames | against the first row | script (building the ranges) |', '|---|---|---|---|---|'];
  for (const v of VARIANTS) {
    const fm = median(res[v.key].map((c) => c.framesMs));
    lines.push(`| ${v.label} | ${f1(fm)} ms | ${median(res[v.key].map((c) => c.frames))} | ${(fm / base).toFixed(2)}× | ${f1(median(res[v.key].map((c) => c.mainMs - c.framesMs)))} ms |`);
  }
  const own = [];
  for (let r = 0; r < RUNS; r++) own.push(await pageOwnFrame(ctx, server));
  lines.push('', `Without any script of ours: the page's own first frame after DOMContentLoaded (when document_idle content scripts start): ${f1(median(own))} ms (median of ${RUNS}).`);
  if (process.argv.includes('--ext')) {
    const frames = await extensionFrames(server);
    lines.push('', 'The extension on the same page (one run after a warm-up), each frame of 1 ms or more from its start to one after its report, by phase (thread time; the phases are the trace events of those names inside the frame):', '',
      '| frame at (ms after start) | after the report | thread time | style | layout | pre-paint | paint | layerize + commit |', '|---|---|---|---|---|---|---|---|');
    for (const f of frames.filter((x) => x.cpu >= 1)) {
      const p = f.phases;
      lines.push(`| ${f1(f.at)} | ${f.afterReport ? 'yes' : 'no'} | ${f1(f.cpu)} ms | ${f1(p.UpdateLayoutTree)} | ${f1(p.Layout)} | ${f1(p.PrePaint)} | ${f1(p.Paint)} | ${f1(p.Layerize + p.Commit)} |`);
    }
  }
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  await server.close();
}
