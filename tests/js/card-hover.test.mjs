// extension/src/ui/card-hover.js, when a card opens and closes as the pointer moves, for the
// extension and the website alike. Node's mock timers stand in for the clock, so the test says
// what happens in which order, never how long anything took.
// Run: node --test tests/js/
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import '../../extension/src/ui/card-hover.js';

const { HOVER_OPEN_MS, HOVER_CLOSE_MS, create } = globalThis.bioflagCardHover;

/** A side whose card is `state.open`, with every open and close logged. */
function side({ held = false, heldBlocksHover = false } = {}) {
  const state = { open: null, held, log: [], pending: [] };
  const hover = create({
    open: (t) => { state.open = t; state.log.push(`open ${t}`); },
    close: () => { state.log.push(`close ${state.open}`); state.open = null; },
    current: () => state.open,
    held: () => state.held,
    heldBlocksHover,
    onPending: (p) => state.pending.push(p),
  });
  return { hover, state };
}

test('timings: opening waits less than closing, so the pointer can reach the card', () => {
  assert.ok(HOVER_OPEN_MS > 0 && HOVER_CLOSE_MS > HOVER_OPEN_MS);
});

test('resting on a name opens its card; passing over opens nothing', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { hover, state } = side();
    hover.point('A');
    mock.timers.tick(HOVER_OPEN_MS - 1);
    hover.point(null);
    mock.timers.tick(HOVER_CLOSE_MS * 2);
    assert.deepEqual(state.log, []);
    hover.point('B');
    assert.equal(hover.pending, true);
    mock.timers.tick(HOVER_OPEN_MS);
    assert.deepEqual(state.log, ['open B']);
    assert.equal(hover.pending, false);
    assert.deepEqual(state.pending, [true, false, true, false]);
  } finally {
    mock.timers.reset();
  }
});

test('leaving closes after the grace period, unless the pointer reaches the card or comes back', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { hover, state } = side();
    hover.point('A');
    mock.timers.tick(HOVER_OPEN_MS);
    hover.point(null); // the gap between the name and the card
    mock.timers.tick(HOVER_CLOSE_MS - 1);
    hover.point(null, { card: true });
    mock.timers.tick(HOVER_CLOSE_MS * 2);
    assert.deepEqual(state.log, ['open A'], 'on the card it stays');
    hover.point(null);
    mock.timers.tick(HOVER_CLOSE_MS - 1);
    hover.point('A');
    mock.timers.tick(HOVER_CLOSE_MS * 2);
    assert.deepEqual(state.log, ['open A'], 'back on its name it stays');
    hover.point(null);
    mock.timers.tick(HOVER_CLOSE_MS);
    assert.deepEqual(state.log, ['open A', 'close A']);
  } finally {
    mock.timers.reset();
  }
});

test('another name replaces the card; a name left before its card opens does not open it', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { hover, state } = side();
    hover.point('A');
    mock.timers.tick(HOVER_OPEN_MS);
    hover.point('B');
    mock.timers.tick(HOVER_OPEN_MS);
    assert.deepEqual(state.log, ['open A', 'open B']);
    mock.timers.tick(HOVER_CLOSE_MS);
    assert.deepEqual(state.log, ['open A', 'open B'], 'the grace period of A does not close B, which is under the pointer');
    hover.point('C');
    hover.point(null, { card: true }); // onto B's card before C opens
    mock.timers.tick(HOVER_OPEN_MS * 2);
    assert.deepEqual(state.log, ['open A', 'open B']);
  } finally {
    mock.timers.reset();
  }
});

test('a held card stays when the pointer leaves; heldBlocksHover keeps it against other names too', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const ext = side();
    ext.state.open = 'A';
    ext.state.held = true; // the keyboard opened it
    ext.hover.point(null);
    mock.timers.tick(HOVER_CLOSE_MS * 2);
    assert.deepEqual(ext.state.log, []);
    ext.hover.point('B');
    mock.timers.tick(HOVER_OPEN_MS);
    assert.deepEqual(ext.state.log, ['open B'], 'without heldBlocksHover, hovering another name opens it');

    const site = side({ heldBlocksHover: true });
    site.state.open = 'A';
    site.state.held = true; // pinned by a click
    site.hover.point('B');
    site.hover.point(null);
    mock.timers.tick(HOVER_OPEN_MS + HOVER_CLOSE_MS);
    assert.deepEqual(site.state.log, []);
    assert.equal(site.hover.pending, false);
  } finally {
    mock.timers.reset();
  }
});

test('cancel() drops what is scheduled', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { hover, state } = side();
    hover.point('A');
    hover.cancel();
    mock.timers.tick(HOVER_OPEN_MS * 2);
    assert.deepEqual(state.log, []);
    assert.equal(hover.pending, false);
  } finally {
    mock.timers.reset();
  }
});

test('moves over a name whose card is still being made do not open it again', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const log = [];
    const hover = create({ open: (t) => log.push(`open ${t}`), close: () => log.push('close'), current: () => null, held: () => false });
    hover.point('A');
    mock.timers.tick(HOVER_OPEN_MS);
    hover.point('A'); // the card is not shown yet: current() is still null
    mock.timers.tick(HOVER_OPEN_MS * 2);
    assert.deepEqual(log, ['open A']);
    hover.point(null);
    hover.point('A');
    mock.timers.tick(HOVER_OPEN_MS);
    assert.deepEqual(log, ['open A', 'open A'], 'back on it after leaving, it asks again');
  } finally {
    mock.timers.reset();
  }
});
