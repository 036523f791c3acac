// What the hostile and heavy e2e fixtures (tests/e2e/pages/) cost in headless Chromium: the
// figures the e2e tests used to hold against fixed limits, which no test can do on every
// machine. The tests (tests/e2e/hostile.*.test.mjs) assert the results on the same pages.
//
// - heavy pages (10 MB text node, 200,000 text nodes, 5,000-deep nesting, 6,000 mentions, 1,000
//   iframes): from navigation until the first scan is done and the scanner idle, the extension's
//   main-thread tasks from a DevTools trace (bench/tasks.mjs: thread time; a task is ours when a
//   content-script function ran in it), the page's own Long Tasks, and the content script's own
//   accounting (stats.longestSliceMs, busyMs: wall time);
// - 10 s of mutations (mutate.html): the extension's main-thread time over those 10 s (its share),
//   its longest task, how often the page's 16 ms timer still ran, the flush delay;
// - a page that never stops mutating (busy.html): the content script's longest slice after 6 s.
//
// Usage: node bench/hostile.mjs [--runs N] [--only text,nodes,deep,mentions,frames,mutate,busy] [--json out.json]
// Needs scripts/build-extension.sh. Each figure is the median of N runs (default 3), with the worst.
import { writeFileSync } from 'node:fs';
import { startServer } from '../tests/e2e/server.mjs';
import { launchChromiumWith } from '../tests/e2e/browsers.mjs';
import { testExtension, READ_STATE, until, idleState } from '../tests/e2e/harness.mjs';
import { startTrace, markTask, summary } from './tasks.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 3));
const ONLY = new Set(arg('only', 'text,nodes,deep,mentions,frames,mutate,busy').split(','));
const HEAVY = { text: '10 MB text node', nodes: '200,000 text nodes (100,000 spans in one paragraph)', deep: '5,000-deep nesting', mentions: '6,000 mentions', frames: '1,000 iframes' };
const MUTATION_MS = 10000;
const log = (...a) => console.error('[hostile]', ...a);
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

const server = await startServer();
const { ctx, worker } = await launchChromiumWith({ server, dir: testExtension('chromium') });
const chromiumVersion = ctx.browser()?.version() || '';
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
const state = () => page.evaluate(`(() => {${READ_STATE}})()`);
const ready = () => until(async () => {
  const s = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true });
    return chrome.tabs.sendMessage(tab.id, { type: 'status' }, { frameId: 0 });
  }).catch(() => null);
  return s && s.ready;
}, 120000, 'first scan');

async function heavy(kind) {
  const trace = await startTrace(cdp);
  await page.goto(`${server.origin}/pages/heavy.html?kind=${kind}`, { timeout: 120000 });
  await until(() => page.evaluate(() => window.built === true), 120000, `${kind} built`);
  await ready();
  const s = await idleState(state, { ms: 120000 });
  const tasks = await trace.stop();
  const watch = await page.evaluate(() => window.watch.report());
  const ext = summary(tasks.filter((t) => t.extension));
  return {
    longestOwnMs: ext.longestOwnMs,
    longestOwnNoGcMs: ext.longestOwnNoGcMs,
    ownMs: ext.ownMs,
    tasks: ext.tasks,
    pageLongTasks: watch.longTasks.length,
    longestSliceMs: s.stats.longestSliceMs,
    busyMs: s.stats.busyMs,
    matches: s.matches.length,
  };
}

async function mutate() {
  await page.goto(`${server.origin}/pages/mutate.html`);
  await ready();
  const trace = await startTrace(cdp);
  const { changes } = await page.evaluate((ms) => window.run(ms), MUTATION_MS);
  const watch = await page.evaluate(() => window.watch.report());
  const tasks = await trace.stop();
  const mark = markTask(tasks, 'watch-start');
  const run = summary(mark ? tasks.filter((t) => t.ts >= mark.ts) : tasks);
  const s = await state();
  return {
    changes,
    ownMs: run.ownMs,
    share: run.ownMs / MUTATION_MS,
    longestOwnMs: run.longestOwnMs,
    timerTicks: watch.ticks,
    timerTicksAsked: Math.round(MUTATION_MS / 16),
    maxTimerGapMs: watch.maxGap,
    delay: s.stats.delay,
  };
}

async function busy() {
  await page.goto(`${server.origin}/pages/busy.html`);
  await until(async () => { const x = await state(); return x && x.stats && x.stats.flushes > 0; }, 20000, 'first flush');
  await new Promise((r) => setTimeout(r, 6000)); // a fixed window of a page that never settles
  const s = await state();
  return { longestSliceMs: s.stats.longestSliceMs, busyMs: s.stats.busyMs, flushes: s.stats.flushes, delay: s.stats.delay };
}

const results = {};
const jobs = [...Object.keys(HEAVY).filter((k) => ONLY.has(k)).map((k) => [k, () => heavy(k)]),
  ...(ONLY.has('mutate') ? [['mutate', mutate]] : []), ...(ONLY.has('busy') ? [['busy', busy]] : [])];
try {
  for (const [key, job] of jobs) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await job());
      log(key, JSON.stringify(runs.at(-1)));
    }
    const out = { label: HEAVY[key] || key, runs: runs.length };
    for (const field of Object.keys(runs[0])) {
      out[field] = median(runs.map((r) => r[field]));
      out[`${field}Worst`] = field === 'timerTicks' ? Math.min(...runs.map((r) => r[field])) : Math.max(...runs.map((r) => r[field]));
    }
    results[key] = out;
  }
} finally {
  await ctx.close();
  await server.close();
}
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const lines = [`### Hostile and heavy pages, Chromium ${chromiumVersion} (headless), median of ${RUNS} runs (worst in brackets)`, '',
  'The e2e fixtures of tests/e2e/pages, measured by `node bench/hostile.mjs`: from navigation until the first scan is done and the scanner is idle. ' +
  '"Ours" = main-thread thread time of the tasks a content-script function ran in (bench/tasks.mjs), garbage collection counted apart; slices = the content script\'s own wall-clock accounting.', ''];
const heavyKeys = Object.keys(HEAVY).filter((k) => results[k]);
if (heavyKeys.length) {
  lines.push('| page | longest task of ours | without GC | all our main-thread time | page long tasks (> 50 ms) | longest slice (wall) | matches |', '|---|---|---|---|---|---|---|');
  for (const k of heavyKeys) {
    const x = results[k];
    lines.push(`| ${x.label} | ${f1(x.longestOwnMs)} ms (${f1(x.longestOwnMsWorst)}) | ${f1(x.longestOwnNoGcMs)} ms (${f1(x.longestOwnNoGcMsWorst)}) | ${f0(x.ownMs)} ms | ${f0(x.pageLongTasks)} | ${f1(x.longestSliceMs)} ms (${f1(x.longestSliceMsWorst)}) | ${f0(x.matches)} |`);
  }
  lines.push('');
}
if (results.mutate) {
  const m = results.mutate;
  lines.push(`10 s of mutations (mutate.html, ${f0(m.changes)} changes): our main-thread time ${f0(m.ownMs)} ms (${f1(100 * m.share)} % of the 10 s; worst ${f0(m.ownMsWorst)} ms), ` +
    `longest task of ours ${f1(m.longestOwnMs)} ms (worst ${f1(m.longestOwnMsWorst)}), the page's 16 ms timer ran ${f0(m.timerTicks)} of ${f0(m.timerTicksAsked)} times ` +
    `(${f0(100 * m.timerTicks / m.timerTicksAsked)} %; fewest ${f0(m.timerTicksWorst)}), longest timer gap ${f0(m.maxTimerGapMs)} ms, flush delay backed off to ${f0(m.delay)} ms.`, '');
}
if (results.busy) {
  const b = results.busy;
  lines.push(`A page that never stops mutating (busy.html), first 6 s: longest slice ${f1(b.longestSliceMs)} ms wall (worst ${f1(b.longestSliceMsWorst)}), ${f0(b.flushes)} flushes, flush delay ${f0(b.delay)} ms.`, '');
}
const json = arg('json', null);
const text = JSON.stringify({ runs: RUNS, results, lines }, null, 1);
if (json) writeFileSync(json, text);
else console.log(text);
