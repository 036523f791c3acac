/*
 * The scanner's scheduler: when to flush, and what.
 *
 * - Dirty units: the smallest elements whose text changed, queued by the observer callback; a
 *   flush takes those not inside another dirty one.
 * - A flood (a page adding thousands of rows between flushes) collapses into one rescan of the
 *   whole document, rather than a set that holds every row, detached ones too, until the flush.
 * - Back-off for pages that mutate without end: while flushes keep coming (more than
 *   BUSY_FLUSHES_PER_WINDOW in a WINDOW_MS window) the delay before a flush doubles, up to
 *   MAX_DELAY_MS; a quiet window halves it again.
 * - Time slices: a flush works in slices of SLICE_MS and yields to the page between them, so no
 *   task of ours nears 50 ms.
 *
 * Timers and the clock come from the global scope when the scheduler is created (Node's mock
 * timers stand in for them in tests/js/scheduler.test.mjs). Defines `globalThis.bioflagScheduler`.
 */
'use strict';
(function defineScheduler(global) {
  'use strict';
  const SLICE_MS = 8;
  const BASE_DELAY_MS = 60;
  const MAX_DELAY_MS = 8000;
  const WINDOW_MS = 5000;
  /** More flushes than this in a window means the page never settles: back off. */
  const BUSY_FLUSHES_PER_WINDOW = 20;
  const FLOOD_UNITS = 1000;

  /**
   * `whole`: the unit that stands for the whole document (its root element); `flush()`: does
   * the work, async; `afterFlush(result)`: called with what flush returned once it is over (the
   * scheduler no longer counts as flushing); `more()`: work other than units that wants a flush
   * (the reveal watcher's changed elements); `now()`: the clock.
   * @param {{ whole: () => Node, flush: () => Promise<unknown>, afterFlush?: (result: unknown) => void,
   *   more?: () => boolean, now?: () => number, stats?: { delay: number } }} options
   */
  function create({ whole, flush, afterFlush = () => {}, more = () => false, now = () => performance.now(), stats }) {
    const dirty = new Set();
    let timer = null;
    let flushing = false;
    let stopped = false;
    let delay = BASE_DELAY_MS;
    let windowStart = now();
    let windowFlushes = 0;

    function queue(unit) {
      if (!unit || stopped) return;
      const root = whole();
      if (dirty.has(root)) return;
      if (dirty.size >= FLOOD_UNITS) {
        dirty.clear();
        unit = root;
      }
      dirty.add(unit);
      schedule();
    }

    /** A flush soon, unless one is queued or running (it looks again when it ends). */
    function schedule() {
      if (timer || flushing || stopped) return;
      timer = global.setTimeout(run, delay);
    }

    async function run() {
      timer = null;
      if (stopped) return;
      flushing = true;
      let result;
      try {
        result = await flush();
      } finally {
        flushing = false;
      }
      if (stopped) return;
      afterFlush(result);
      if (dirty.size || more()) schedule();
    }

    /** Back-off: a window with many flushes doubles the delay, a quiet one halves it. */
    function account() {
      windowFlushes++;
      const t = now();
      if (stats) stats.delay = delay;
      if (t - windowStart < WINDOW_MS) {
        if (windowFlushes > BUSY_FLUSHES_PER_WINDOW) delay = Math.min(MAX_DELAY_MS, delay * 2);
        return;
      }
      if (windowFlushes <= 2) delay = Math.max(BASE_DELAY_MS, delay / 2);
      windowStart = t;
      windowFlushes = 0;
    }

    /** The units to rescan, once each: not inside another dirty unit, still in the document. */
    function takeUnits() {
      let units = [...dirty];
      dirty.clear();
      if (units.length > FLOOD_UNITS) return [whole()];
      const set = new Set(units);
      units = units.filter((u) => {
        for (let p = u.parentNode; p; p = p.parentNode || /** @type {ShadowRoot} */ (p).host) if (set.has(p)) return false;
        return u.isConnected;
      });
      return units;
    }

    /** Drops every queued unit and queues the whole document instead (a new page). */
    function restart() {
      dirty.clear();
      dirty.add(whole());
    }

    function stop() {
      stopped = true;
      global.clearTimeout(timer);
      timer = null;
      dirty.clear();
    }

    return {
      queue, schedule, account, takeUnits, restart, stop,
      get delay() { return delay; },
      get stopped() { return stopped; },
      /** Nothing queued, scheduled or running. */
      get idle() { return !timer && !flushing && dirty.size === 0 && !more(); },
    };
  }

  // A function of ours, not `resolve` itself, runs the timer: a DevTools trace then shows the task
  // that resumes a flush as the extension's (bench/tasks.mjs counts them).
  const yieldToPage = () => /** @type {Promise<void>} */ (new Promise((resolve) => global.setTimeout(() => resolve(), 0)));

  /**
   * The time slices of one flush: `due()` once the slice has run SLICE_MS, `next()` ends it,
   * yields to the page and starts another, `end()` ends the last. Each slice's length goes to
   * `stats` (the longest, and the sum as time of ours on the page's main thread).
   * @param {{ longestSliceMs: number, busyMs: number }} stats
   */
  function slices(stats, now = () => performance.now()) {
    let start = now();
    const end = () => {
      const ms = now() - start;
      stats.longestSliceMs = Math.max(stats.longestSliceMs, ms);
      stats.busyMs += ms;
    };
    return {
      get start() { return start; },
      due: () => now() - start > SLICE_MS,
      end,
      async next() {
        end();
        await yieldToPage();
        start = now();
      },
    };
  }

  global.bioflagScheduler = Object.freeze({
    create, slices, SLICE_MS, BASE_DELAY_MS, MAX_DELAY_MS, WINDOW_MS, BUSY_FLUSHES_PER_WINDOW, FLOOD_UNITS,
  });
})(globalThis);
