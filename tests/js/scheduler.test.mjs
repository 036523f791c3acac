// extension/src/content/scheduler.js, when the scanner flushes and what: one flush for many
// changes, nested units once, a flood collapsed into one rescan, back-off on pages that mutate
// without end, idle only when nothing is queued or running. Node's mock timers and a clock of
// the test's own stand in for time, so the test says what happens in which order, never how long
// anything took.
// Run: node --test tests/js/
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import '../../extension/src/content/scheduler.js';

const { create, BASE_DELAY_MS, MAX_DELAY_MS, WINDOW_MS, BUSY_FLUSHES_PER_WINDOW, FLOOD_UNITS } = globalThis.bioflagScheduler;

/** Lets the flush's awaits settle (the mock timers do not run promise jobs). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

const unit = (name, parentNode = null) => ({ name, parentNode, isConnected: true });

/** A scheduler whose flush takes the units (and accounts, as the scanner's does); every flush is logged. */
function scheduler({ more = () => false } = {}) {
  const clock = { t: 0 };
  const whole = unit('document');
  const log = [];
  const after = [];
  const stats = { delay: 0 };
  const s = create({
    whole: () => whole,
    now: () => clock.t,
    more: () => more(),
    stats,
    flush: async () => {
      const units = s.takeUnits();
      s.account();
      log.push(units.map((u) => u.name));
      return units.length;
    },
    afterFlush: (result) => after.push({ result, idle: s.idle }),
  });
  /** Advances the timers, and the clock with them unless told otherwise. */
  const tick = async (ms, clockMs = ms) => {
    clock.t += clockMs;
    mock.timers.tick(ms);
    await settle();
  };
  return { s, log, after, tick, whole, stats };
}

function withTimers(fn) {
  return async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      await fn();
    } finally {
      mock.timers.reset();
    }
  };
}

test('changes queued before the delay are one flush, after it; nested units are rescanned once', withTimers(async () => {
  const { s, log, after, tick } = scheduler();
  const section = unit('section');
  const paragraph = unit('p', section);
  const gone = { ...unit('gone'), isConnected: false };
  s.queue(paragraph);
  s.queue(section);
  s.queue(gone);
  s.queue(null); // blockOf found nothing: ignored
  assert.equal(s.idle, false);
  await tick(BASE_DELAY_MS - 1);
  assert.deepEqual(log, [], 'not before the delay');
  await tick(1);
  assert.deepEqual(log, [['section']], 'the paragraph is inside the section; the detached unit is not scanned');
  assert.deepEqual(after, [{ result: 1, idle: true }], 'afterFlush gets the result once the flush is over');
  assert.equal(s.idle, true);
}));

test('a flood of units collapses into one rescan of the whole document', withTimers(async () => {
  const { s, log, tick } = scheduler();
  for (let i = 0; i <= FLOOD_UNITS; i++) s.queue(unit(`row ${i}`));
  s.queue(unit('after the flood')); // the whole document is queued: nothing more to remember
  await tick(BASE_DELAY_MS);
  assert.deepEqual(log, [['document']]);
}));

test('a change during a flush is flushed after it, not beside it', withTimers(async () => {
  const order = [];
  let release;
  const whole = unit('document');
  const s = create({
    whole: () => whole,
    flush: async () => {
      const units = s.takeUnits().map((u) => u.name);
      order.push(`start ${units}`);
      if (units.includes('a')) await new Promise((r) => { release = r; });
      order.push(`end ${units}`);
    },
  });
  s.queue(unit('a'));
  mock.timers.tick(BASE_DELAY_MS);
  await settle();
  s.queue(unit('b'));
  mock.timers.tick(BASE_DELAY_MS * 10);
  await settle();
  assert.deepEqual(order, ['start a'], 'no second flush while one runs');
  assert.equal(s.idle, false);
  release();
  await settle();
  mock.timers.tick(BASE_DELAY_MS);
  await settle();
  assert.deepEqual(order, ['start a', 'end a', 'start b', 'end b']);
  assert.equal(s.idle, true);
}));

test('a page that never settles: the delay doubles up to its maximum, and halves once the page is quiet', withTimers(async () => {
  const { s, log, tick, stats } = scheduler();
  // Many flushes in one window (the test's clock stands still): past BUSY_FLUSHES_PER_WINDOW,
  // each flush doubles the delay.
  const delays = [];
  for (let i = 0; i < BUSY_FLUSHES_PER_WINDOW + 12; i++) {
    s.queue(unit(`change ${i}`));
    await tick(s.delay, 0);
    delays.push(s.delay);
  }
  assert.equal(log.length, BUSY_FLUSHES_PER_WINDOW + 12, 'every change was flushed');
  assert.equal(delays[BUSY_FLUSHES_PER_WINDOW - 2], BASE_DELAY_MS, 'no back-off while flushes are few');
  assert.equal(delays[BUSY_FLUSHES_PER_WINDOW], BASE_DELAY_MS * 2, 'the first flush past the limit doubles it');
  assert.equal(delays.at(-1), MAX_DELAY_MS, `reached the maximum: ${delays}`);
  assert.equal(Math.max(...delays), MAX_DELAY_MS, 'and never passes it');
  assert.equal(stats.delay, MAX_DELAY_MS, 'the delay in use is published');
  // At the backed-off delay, a change waits for it.
  const before = log.length;
  s.queue(unit('late'));
  await tick(BASE_DELAY_MS, 0);
  assert.equal(log.length, before, 'not flushed at the base delay any more');
  await tick(MAX_DELAY_MS - BASE_DELAY_MS, 0);
  assert.equal(log.length, before + 1);
  // The busy window ends (the first flush after it starts a new one); a window with few flushes
  // then halves the delay at the flush that ends it, and so on down to the base delay.
  await tick(0, WINDOW_MS * 2);
  s.queue(unit('window ends'));
  await tick(s.delay, 0);
  assert.equal(s.delay, MAX_DELAY_MS, 'the busy window itself does not lower it');
  await tick(0, WINDOW_MS * 2);
  s.queue(unit('quiet'));
  await tick(s.delay, 0);
  assert.equal(s.delay, MAX_DELAY_MS / 2);
  for (let i = 0; i < 12; i++) {
    await tick(0, WINDOW_MS * 2);
    s.queue(unit(`quiet ${i}`));
    await tick(s.delay, 0);
  }
  assert.equal(s.delay, BASE_DELAY_MS, 'never below the base delay');
}));

test('a page that changes now and then is flushed at the base delay however long it goes on', withTimers(async () => {
  const { s, log, tick } = scheduler();
  for (let i = 0; i < BUSY_FLUSHES_PER_WINDOW * 3; i++) {
    s.queue(unit(`change ${i}`));
    await tick(s.delay, WINDOW_MS / 2); // two flushes a window
  }
  assert.equal(log.length, BUSY_FLUSHES_PER_WINDOW * 3);
  assert.equal(s.delay, BASE_DELAY_MS);
}));

test('other work (revealed text) keeps the scheduler busy and gets its own flush', withTimers(async () => {
  let revealPending = true;
  const { s, log, tick } = scheduler({ more: () => revealPending });
  assert.equal(s.idle, false, 'not idle while other work waits');
  s.schedule();
  await tick(BASE_DELAY_MS);
  assert.equal(log.length, 1);
  assert.equal(s.idle, false, 'more() still holds: another flush is scheduled');
  revealPending = false;
  await tick(BASE_DELAY_MS);
  assert.equal(log.length, 2, 'flushed again');
  await tick(BASE_DELAY_MS * 5);
  assert.equal(log.length, 2);
  assert.equal(s.idle, true);
}));

test('stopped: queued work never runs, and nothing queues', withTimers(async () => {
  const { s, log, tick } = scheduler();
  s.queue(unit('a'));
  s.stop();
  s.queue(unit('b'));
  await tick(MAX_DELAY_MS);
  assert.deepEqual(log, []);
  assert.equal(s.idle, true);
}));

test('restart: what was queued gives way to the whole document', withTimers(async () => {
  const { s, log, tick } = scheduler();
  s.queue(unit('a'));
  s.restart();
  await tick(BASE_DELAY_MS);
  assert.deepEqual(log, [['document']]);
}));
