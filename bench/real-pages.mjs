// The extension's fixed per-frame cost on real pages: the 130 saved pages of
// ../shared/data/pages (news, blogs, documentation in several languages; see its SOURCES.md),
// each opened in headless Chromium with the extension and with a plain-JS baseline extension
// (TreeWalker over the body's text, one joined string, one RegExp of every catalog name, ranges in
// a CSS Custom Highlight: what a JS developer would write, run the same way: a content script
// at document_idle in every frame, about:blank ones too, as the extension's), in the same session, alternating. Optionally a third
// unpacked build (`--before DIR`, e.g. an older commit's extension/dist/chromium) in the same run.
// Cost = main-thread thread time of the renderer tasks that ran extension code (bench/tasks.mjs:
// a task started by the extension counts whole, else only our calls inside it), from navigation
// until 1 s after the load event; longest = the longest such task. External requests are
// refused (the pages' remote assets), so pages render from their HTML alone.
//   node bench/real-pages.mjs [--dir ../shared/data/pages] [--before DIR] [--limit N] [--json out.json]
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './server.mjs';
import { startServer } from '../scripts/static-server.mjs';
import { startTrace } from './tasks.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const DIR = arg('dir', join(repo, '../shared/data/pages'));
const LIMIT = Number(arg('limit', 1e9));
const SETTLE_MS = 1000;
/** Light tracing (130 pages × 3 builds): tasks and script calls, not V8's own events (GC counted in). */
const CATEGORIES = 'devtools.timeline,toplevel,v8.execute';
const log = (...a) => console.error('[real-pages]', ...a);

/** Every name and alias of the built-in catalog, from the engine (as bench/e2e.mjs). */
async function catalogNames() {
  const { default: init, Engine } = await import('../build/wasm/web/bioflag.js');
  await init({ module_or_path: readFileSync(join(repo, 'build/wasm/web/bioflag_bg.wasm')) });
  const engine = new Engine([]);
  const names = new Set();
  for (const e of engine.entities()) {
    const card = engine.card(e.index);
    names.add(card.name);
    for (const a of card.aliases) names.add(a);
  }
  return [...names];
}

/** The plain-JS baseline as an unpacked extension. */
function plainExtension(names) {
  const dir = mkdtempSync(join(tmpdir(), 'bioflag-plain-ext-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'plain-js baseline', version: '1.0',
    content_scripts: [{ matches: ['<all_urls>'], all_frames: true, match_about_blank: true, run_at: 'document_idle', js: ['content.js'] }],
  }));
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = `\\b(?:${[...names].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`;
  writeFileSync(join(dir, 'content.js'), `(() => {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TEMPLATE']);
  if (!document.body) return;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (SKIP.has(n.parentNode.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = []; const starts = []; const parts = []; let length = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push(n); starts.push(length); parts.push(n.data); length += n.data.length; }
  const text = parts.join('');
  const re = new RegExp(${JSON.stringify(source)}, 'gi');
  const ranges = []; let i = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const s = m.index; const e = s + m[0].length;
    while (i + 1 < nodes.length && starts[i + 1] <= s) i++;
    let j = i; while (j + 1 < nodes.length && starts[j + 1] < e) j++;
    const range = new Range(); range.setStart(nodes[i], s - starts[i]); range.setEnd(nodes[j], e - starts[j]); ranges.push(range);
  }
  CSS.highlights.set('plain-bench', new Highlight(...ranges));
})();\n`);
  return dir;
}

/** A copy of an unpacked bioflag build with the bench test flags (no test publishing). */
function benchCopy(dist) {
  const dir = mkdtempSync(join(tmpdir(), 'bioflag-real-ext-'));
  cpSync(dist, dir, { recursive: true });
  writeFileSync(join(dir, 'build-flags.js'), 'globalThis.bioflagBuild = Object.freeze({ test: true, bench: true, browser: \'chromium\' });\n');
  return dir;
}

async function launch(extDir) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'bioflag-real-profile-')), {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 720 },
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
  });
  // Only our server: the pages' remote assets are refused at once.
  await ctx.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
  return ctx;
}

async function measure(ctx, url) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  const trace = await startTrace(cdp, CATEGORIES);
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30000 }).catch(() => {});
    await page.waitForTimeout(SETTLE_MS);
  } finally {
    var tasks = await trace.stop(); // eslint-disable-line no-var
    await page.close();
  }
  const ours = tasks.filter((t) => t.extension);
  return { ms: ours.reduce((n, t) => n + t.ownMs, 0), longest: ours.reduce((m, t) => Math.max(m, t.ownNoGcMs), 0), tasks: ours.length };
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.html')).sort().slice(0, LIMIT);
const server = await startServer({ mounts: { '/': DIR } });
const { origin } = server;

const dist = join(repo, 'extension/dist/chromium');
if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} missing: run scripts/build-extension.sh`);
const sides = { bioflag: await launch(benchCopy(dist)), plain: await launch(plainExtension(await catalogNames())) };
if (arg('before')) sides.before = await launch(benchCopy(arg('before')));
const version = sides.bioflag.browser() ? sides.bioflag.browser().version() : '';
const results = Object.fromEntries(Object.keys(sides).map((s) => [s, []]));
for (const [k, file] of files.entries()) {
  // Alternate the order, so neither side always meets a warm cache.
  const order = Object.keys(sides);
  if (k % 2) order.reverse();
  for (const side of order) results[side].push({ file, ...(await measure(sides[side], `${origin}/${encodeURIComponent(file)}`)) });
  if (k % 10 === 9) log(`${k + 1}/${files.length}`, Object.fromEntries(order.map((s) => [s, Math.round(results[s].reduce((n, r) => n + r.ms, 0))])));
}
for (const ctx of Object.values(sides)) await ctx.close();
await server.close();

const total = (side) => results[side].reduce((n, r) => n + r.ms, 0);
const longest = (side) => results[side].reduce((m, r) => Math.max(m, r.longest), 0);
const summary = Object.fromEntries(Object.keys(results).map((s) => [s, { totalMs: Math.round(total(s)), longestTaskMs: Math.round(longest(s)), pages: results[s].length }]));
summary.ratio = +(total('bioflag') / total('plain')).toFixed(2);
if (results.before) summary.beforeRatio = +(total('before') / total('plain')).toFixed(2);
console.log(JSON.stringify({ chromium: version, settleMs: SETTLE_MS, summary }, null, 1));

/** The section of BENCHMARKS.md (bench/report.mjs prints it). */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const row = (label, side) => `| ${label} | ${summary[side].totalMs} ms | ${(total(side) / files.length).toFixed(1)} ms | ${median(results[side].map((x) => x.ms)).toFixed(1)} ms | ${summary[side].longestTaskMs} ms | ${side === 'plain' ? '1' : (total(side) / total('plain')).toFixed(2)}× |`;
const lines = [
  `### Real pages: ${files.length} saved pages of ../shared/data/pages, Chromium ${version} (headless), one run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  '`node bench/real-pages.mjs` (also in scripts/bench.sh): each page opened with the extension and with the plain-JS baseline run as an extension (TreeWalker + one RegExp of every name + CSS highlights, a content script at document_idle in every frame, about:blank ones too), alternating, in the same session; the main-thread thread time of the tasks that ran extension code, from navigation until 1 s after `load` (bench/tasks.mjs). The pages name none of the catalog\'s entities.',
  '',
  '| extension | all pages | mean per page | median per page | longest task of ours | against plain JS |',
  '|---|---|---|---|---|---|',
  ...(results.before ? [row(`before (${arg('before-label', arg('before'))})`, 'before')] : []),
  row('bioflag', 'bioflag'),
  row('plain JS', 'plain'),
];
const out = arg('json');
if (out) {
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, JSON.stringify({ chromium: version, summary, lines, results }, null, 1));
}
