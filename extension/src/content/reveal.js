/*
 * The reveal watcher: hidden text is not scanned (blocks.js), so the elements that hid some are
 * remembered, and when a visibility attribute (VISIBILITY_ATTRIBUTES: a "read more", a menu, a
 * <details>) changes on one of them or on an ancestor, the next flush looks whether it shows now
 * and queues its block if so.
 *
 * Defines `globalThis.bioflagReveal`.
 */
'use strict';
(function defineReveal(global) {
  'use strict';
  /** Attributes that commonly show or hide text. */
  const VISIBILITY_ATTRIBUTES = ['class', 'style', 'hidden', 'aria-hidden', 'open'];
  /** Hidden elements remembered at most, and contains() checks per flush at most (see reveal). */
  const MAX_HIDDEN = 5000;
  const MAX_REVEAL_CHECKS = 50000;

  /**
   * `queue(unit)`: rescans a unit; `blocks`: the element model (blocks.js, or a stand-in in tests).
   * @param {{ queue: (unit: Node) => void, blocks?: Pick<BioflagBlocks, 'blockOf' | 'isInline' | 'insideSkipped' | 'rendersText'>,
   *   maxHidden?: number, maxChecks?: number }} options
   */
  function create({ queue, blocks = global.bioflagBlocks, maxHidden = MAX_HIDDEN, maxChecks = MAX_REVEAL_CHECKS }) {
    const { blockOf, isInline, insideSkipped, rendersText } = blocks;
    const hidden = new Set(); // elements whose text a walk left out as hidden
    const changed = new Set(); // elements whose visibility attributes changed since the last look

    /** A walk left this element's text out as hidden. */
    function onHidden(el) {
      if (hidden.size < maxHidden) hidden.add(el);
    }

    /**
     * A visibility attribute changed on `el`: true when that is worth a flush (some text is
     * hidden at all).
     */
    function onAttributeChange(el) {
      if (!hidden.size) return false;
      changed.add(el);
      return true;
    }

    const unitOf = (el) => (isInline(el) ? blockOf(el) : el);

    /**
     * Queues the block of each remembered hidden element that a change may have shown and that
     * shows now. Past maxChecks pairs, the changed elements' own blocks are rescanned instead.
     */
    function look() {
      if (!changed.size) return;
      const list = [...changed].filter((el) => el.isConnected);
      changed.clear();
      if (list.length * hidden.size > maxChecks) {
        for (const el of list) queue(unitOf(el));
        return;
      }
      for (const el of [...hidden]) {
        if (!el.isConnected) {
          hidden.delete(el);
          continue;
        }
        if (!list.some((c) => c === el || c.contains(el))) continue;
        if (insideSkipped(el) || !rendersText(el)) continue;
        hidden.delete(el);
        queue(unitOf(el));
      }
    }

    function clear() {
      hidden.clear();
      changed.clear();
    }

    return {
      onHidden, onAttributeChange, look, clear,
      /** Changes not looked at yet. */
      get pending() { return changed.size > 0; },
      get hiddenCount() { return hidden.size; },
    };
  }

  global.bioflagReveal = Object.freeze({ create, VISIBILITY_ATTRIBUTES, MAX_HIDDEN, MAX_REVEAL_CHECKS });
})(globalThis);
