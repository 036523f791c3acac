// Chromium main-thread tasks from a DevTools trace, with their thread (CPU) time: on a shared,
// loaded 2-core machine a task's wall time says more about the other processes than about us
// (a 60 ms busy loop measured 24 ms of thread time at load 10), its thread time does not. Which
// tasks, and how much of them, are the extension's: see tasksOf().
//   const trace = await startTrace(cdp); ...; const tasks = await trace.stop();

const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8.execute', 'v8'].join(',');

/** `categories`: a lighter set may be given (without `v8`, garbage collection is not seen). */
export async function startTrace(cdp, categories = CATEGORIES) {
  await cdp.send('Tracing.start', { categories, transferMode: 'ReturnAsStream' });
  return {
    async stop() {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      const { stream } = await complete;
      const chunks = [];
      for (;;) {
        const r = await cdp.send('IO.read', { handle: stream, size: 4 << 20 });
        chunks.push(r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data);
        if (r.eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      const parsed = JSON.parse(chunks.join(''));
      return tasksOf(parsed.traceEvents || parsed);
    },
  };
}

function urlOf(e) {
  const d = e.args && (e.args.data || e.args.beginData);
  if (!d) return '';
  return d.url || d.scriptName || (d.stackTrace && d.stackTrace[0] && d.stackTrace[0].url) || '';
}

/**
 * Renderer main-thread tasks: [{ts, ms (wall), cpuMs (thread time), extension, owner, ownMs,
 * gcMs, ownNoGcMs, marks}].
 * `extension`: a script of the extension ran in the task. `ownMs`: the extension's share of its
 * thread time: all of it when the task was started for the extension (its first script call is
 * ours: a flush timer, a message), else the time of our calls inside it (a MutationObserver
 * callback after the page's own script). `gcMs`: garbage collection inside the task; `ownNoGcMs`:
 * `ownMs` without it. `ts` is in trace microseconds; `marks` are the
 * console.timeStamp() labels inside the task.
 */
function tasksOf(events) {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || (e.ph !== 'X' && e.ph !== 'I' && e.ph !== 'R' && e.ph !== 'i')) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  // Thread time in this VM sometimes exceeds the wall time of short tasks (by up to 40 ms): a
  // task cannot have used more CPU than its wall time, so the smaller of the two counts.
  const cpu = (e) => Math.min(e.tdur ?? e.dur, e.dur) / 1000;
  const tasks = [];
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts);
    let task = null;
    let callEnd = 0; // end of the extension call we are inside, so nested calls count once
    let gcEnd = 0;
    for (const e of list) {
      if (e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X') {
        task = { ts: e.ts, end: e.ts + e.dur, ms: e.dur / 1000, cpuMs: cpu(e), extension: false, owner: null, calls: 0, gcMs: 0, marks: [] };
        tasks.push(task);
        callEnd = 0;
        gcEnd = 0;
        continue;
      }
      if (!task || e.ts > task.end) continue;
      // Garbage collection that ran inside the task (outermost GC events only): V8 collects for
      // the whole renderer, so its cost is reported apart (see ownNoGcMs).
      if (e.ph === 'X' && /^(MinorGC|MajorGC|V8\.GC)/.test(e.name) && e.ts >= gcEnd) {
        task.gcMs += cpu(e);
        gcEnd = e.ts + e.dur;
      }
      if (e.name === 'TimeStamp' && e.args && e.args.data) task.marks.push(e.args.data.message);
      const url = urlOf(e);
      if (!url) continue;
      if (task.owner === null) task.owner = url;
      if (!url.startsWith('chrome-extension://')) continue;
      task.extension = true;
      if (e.ph === 'X' && e.ts >= callEnd) {
        task.calls += cpu(e);
        callEnd = e.ts + e.dur;
      }
    }
  }
  for (const t of tasks) {
    t.ownMs = !t.extension ? 0 : t.owner.startsWith('chrome-extension://') ? t.cpuMs : Math.min(t.calls, t.cpuMs);
    t.ownNoGcMs = t.owner && t.owner.startsWith('chrome-extension://') ? Math.max(0, t.ownMs - t.gcMs) : t.ownMs;
    delete t.calls;
  }
  return tasks.sort((a, b) => a.ts - b.ts);
}

/** The task that holds console.timeStamp(label), or undefined. */
export function markTask(tasks, label) {
  return tasks.find((t) => t.marks.includes(label));
}

/**
 * Summary numbers: count, longest wall time, longest thread time, total thread time, and the
 * extension's share (longest and total `ownMs`).
 */
export function summary(tasks) {
  const longest = (key) => tasks.reduce((m, t) => Math.max(m, t[key]), 0);
  const total = (key) => tasks.reduce((s, t) => s + t[key], 0);
  return {
    tasks: tasks.length,
    longestMs: Math.round(longest('ms')),
    longestCpuMs: Math.round(longest('cpuMs')),
    cpuMs: Math.round(total('cpuMs')),
    longestOwnMs: Math.round(longest('ownMs')),
    longestOwnNoGcMs: Math.round(longest('ownNoGcMs')),
    ownMs: Math.round(total('ownMs')),
  };
}
