// Chromium performance traces over the DevTools protocol, and what the benchmarks read from them:
// main-thread tasks of the renderer that ran a page, between two performance marks.
//
// A "task" is a top-level RunTask (or ThreadControllerImpl::RunTask) event on the main thread of
// the renderer where the marks were made. Main-thread time of a window = the summed duration of
// every task that overlaps it, plus the first rendering task after its end (the frame that paints
// what the window's work changed: highlights, or mark.js's new elements). Only the cheap `toplevel`
// category is on by default: `devtools.timeline` emits an event per JS callback (a TreeWalker
// filter call, say), which would slow down what is measured.
export const CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];
/** Add these to see what a task did (style, layout, pre-paint, paint, timers, GC). */
export const DETAIL_CATEGORIES = [...CATEGORIES, 'devtools.timeline', 'v8'];
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
/** A frame: the main-thread task that runs style, layout, pre-paint and paint. */
const isFrame = (e) => e.args && e.args.src_func === 'ScheduledActionSendBeginMainFrame';

/** Runs `action` while tracing through CDP session `cdp`; returns {events, result}. */
export async function traced(cdp, action, categories = CATEGORIES) {
  const events = [];
  const onData = (e) => { for (const ev of e.value) events.push(ev); };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  let result;
  try {
    result = await action();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return { events, result };
}

/** User-timing marks named `name`, in time order. */
export function marks(events, name) {
  return events.filter((e) => e.name === name && String(e.cat).includes('blink.user_timing')).sort((a, b) => a.ts - b.ts);
}

/**
 * Top-level tasks of thread (pid, tid), in time order: [{ts, end, dur, cpu, rendering}] (µs);
 * `dur` is wall time, `cpu` the thread's own time (what is left when a loaded machine preempts it).
 */
export function tasksOf(events, pid, tid) {
  const all = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && TASK_NAMES.has(e.name))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const top = [];
  for (const e of all) {
    const last = top[top.length - 1];
    if (last && e.ts < last.end) continue; // nested in the previous task
    top.push({ ts: e.ts, end: e.ts + e.dur, dur: e.dur, cpu: e.tdur ?? e.dur, rendering: isFrame(e), source: e.args && `${e.args.src_file}:${e.args.src_func}` });
  }
  return top;
}

/**
 * The main-thread cost of the window from mark `start` to mark `end` (mark events from marks()),
 * `after`: counting only the tasks that begin after `start`:
 * {wallMs (end - start), mainMs (thread time of the window's tasks), mainWallMs (their wall time),
 * longestMs / longestWallMs (the longest of them), longestScriptMs / longestFrameMs (the longest
 * non-frame task and the longest frame, thread time), tasks, frames / framesMs (the rendering tasks
 * among them and their thread time), frameMs (the closing frame's thread time)}.
 */
export function windowCost(events, start, end, { after = false } = {}) {
  const tasks = tasksOf(events, start.pid, start.tid);
  // `after`: only tasks that begin after `start` (not the one that made the mark).
  const inside = tasks.filter((t) => (after ? t.ts > start.ts : t.end > start.ts) && t.ts <= end.ts);
  const frame = tasks.find((t) => t.ts > end.ts && t.rendering);
  const counted = frame ? [...inside, frame] : inside;
  const ms = (us) => us / 1000;
  return {
    wallMs: ms(end.ts - start.ts),
    mainMs: ms(counted.reduce((n, t) => n + t.cpu, 0)),
    mainWallMs: ms(counted.reduce((n, t) => n + t.dur, 0)),
    longestMs: ms(Math.max(0, ...counted.map((t) => t.cpu))),
    longestWallMs: ms(Math.max(0, ...counted.map((t) => t.dur))),
    longestScriptMs: ms(Math.max(0, ...counted.filter((t) => !t.rendering).map((t) => t.cpu))),
    longestFrameMs: ms(Math.max(0, ...counted.filter((t) => t.rendering).map((t) => t.cpu))),
    tasks: counted.length,
    frames: counted.filter((t) => t.rendering).length,
    framesMs: ms(counted.filter((t) => t.rendering).reduce((n, t) => n + t.cpu, 0)),
    frameMs: frame ? ms(frame.cpu) : 0,
  };
}
