/*
 * The frame cap, shared by the gate (content/gate.js) and the full content script (main.js):
 * both must agree on which frames are scanned. Classic script: defines `globalThis.bioflagFrames`.
 */
(function defineFrames(global) {
  'use strict';

  /**
   * Frames scanned per tab at most. Each scanned frame builds its own engine (about 2 MB of WASM
   * memory); a page with 1,000 iframes took a renderer past 2.8 GB and many minutes before this.
   * Frames are counted depth-first from the top in document order, so the first ones are kept.
   */
  const MAX_FRAMES = 50;

  /**
   * How many frames come before `self` (a window), the top frame not counted; Infinity when
   * counting stopped past `limit` first.
   */
  function framePosition(self, limit) {
    let count = 0;
    let found = false;
    (function visit(win) {
      for (let i = 0; i < win.frames.length && !found && count <= limit; i++) {
        const child = win.frames[i];
        count++;
        if (child === self) found = true;
        else visit(child);
      }
    })(self.top);
    return found ? count : Infinity;
  }

  /** Frames below `win` (stops counting past `limit`). */
  function frameCount(win, limit) {
    let count = 0;
    (function visit(w) {
      for (let i = 0; i < w.frames.length && count <= limit; i++) {
        count++;
        visit(w.frames[i]);
      }
    })(win);
    return count;
  }

  /** True for a frame past the cap: it loads and scans nothing. */
  const pastCap = (self) => self.top !== self && framePosition(self, MAX_FRAMES) > MAX_FRAMES;

  global.bioflagFrames = Object.freeze({ MAX_FRAMES, framePosition, frameCount, pastCap });
})(globalThis);
