// Loaded first by the hostile and heavy fixtures: records what the page itself can see of the
// extension's cost. Long tasks (over 50 ms, buffered from page start) and the cadence of a 16 ms
// timer, from `watch.start()` (called once the page's own heavy setup is done, so that setup is
// not counted) to `watch.stop()`.
(() => {
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: true });
  let from = Infinity;
  let timer = 0;
  let last = 0;
  const gaps = [];
  window.watch = {
    start() {
      console.timeStamp('watch-start'); // marks the task in a DevTools trace (bench/tasks.mjs)
      from = performance.now();
      last = from;
      clearInterval(timer);
      timer = setInterval(() => {
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }, 16);
    },
    stop() {
      clearInterval(timer);
    },
    /** Long tasks that started after start(), the longest timer gap, the number of ticks. */
    report() {
      return {
        longTasks: longTasks.filter((t) => t.start >= from),
        maxGap: Math.round(Math.max(0, ...gaps)),
        ticks: gaps.length,
        since: Math.round(performance.now() - from),
      };
    },
  };
})();
