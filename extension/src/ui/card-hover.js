/*
 * How a context card follows the pointer, the same in the extension (content/interaction.js,
 * names painted by the Highlight API and found by hit-testing) and on the website
 * (www/src/js/card-popover.js, names as <mark> elements): each side says where the pointer is,
 * this decides when a card opens and closes.
 *   - Resting HOVER_OPEN_MS on a name opens its card; passing over it opens nothing.
 *   - The pointer on the open card's name or on the card keeps it (WCAG 1.4.13, hoverable).
 *   - Leaving both closes it HOVER_CLOSE_MS later, unless the pointer came back meanwhile, or the
 *     card is held (opened by the keyboard, or pinned by a click): then only the side closes it
 *     (Esc, focus or a click elsewhere).
 * Classic script: defines `globalThis.bioflagCardHover`; the website imports it for that effect.
 */
/**
 * @template T
 * @typedef {object} HoverSide
 * @property {(target: T) => void} open    opens the card of `target`
 * @property {() => void} close             closes the open card
 * @property {() => (T | null)} current    the target whose card is open, if any
 * @property {() => boolean} held          the open card stays when the pointer leaves
 * @property {boolean} [heldBlocksHover]   a held card is not replaced by hovering another name
 * @property {(pending: boolean) => void} [onPending]  an open or close is scheduled, or no longer
 */

/**
 * @template T
 * @typedef {object} HoverIntent
 * @property {(target: T | null, where?: { card?: boolean }) => void} point  where the pointer is now
 * @property {() => void} cancel  drops what is scheduled (the side opened or closed a card itself)
 * @property {boolean} pending    an open or a close is scheduled
 */
'use strict';
(function defineCardHover(global) {
  'use strict';
  /** A pointer resting this long on a name opens its card; one passing over opens nothing. */
  const HOVER_OPEN_MS = 300;
  /**
   * A card stays this long after the pointer leaves its name or the card, so the pointer can
   * cross the gap onto the card without it closing on the way.
   */
  const HOVER_CLOSE_MS = 400;

  /**
   * @template T
   * @param {HoverSide<T>} side
   * @returns {HoverIntent<T>}
   */
  function create(side) {
    /** @type {ReturnType<typeof setTimeout> | null} */
    let openTimer = null;
    /** @type {T | null} */
    // The target `openTimer` will open, or opened: kept after it fired, so moves over the same
    // name while its card is being made (the extension may ask the background for it) do not
    // ask again.
    let openTarget = null;
    /** @type {ReturnType<typeof setTimeout> | null} */
    let closeTimer = null;
    /** @type {T | null} */
    let over = null; // where the pointer was last said to be: a target, or null
    let onCard = false;
    let wasPending = false;

    function report() {
      const pending = openTimer !== null || closeTimer !== null;
      if (pending !== wasPending && side.onPending) side.onPending(pending);
      wasPending = pending;
    }
    function cancelOpen() {
      if (openTimer !== null) clearTimeout(openTimer);
      openTimer = null;
      openTarget = null;
    }
    function cancelClose() {
      if (closeTimer !== null) clearTimeout(closeTimer);
      closeTimer = null;
    }

    /**
     * The pointer is now over `target` (a name, or null for anything else), or on the card.
     * @param {T | null} target
     * @param {{ card?: boolean }} [where]
     */
    function point(target, { card = false } = {}) {
      over = card ? null : target ?? null;
      onCard = card;
      const current = side.current() ?? null;
      if (card || (over !== null && over === current)) {
        // Back on the open card or its name: nothing to open or close.
        cancelOpen();
        cancelClose();
        report();
        return;
      }
      if (over !== openTarget) {
        cancelOpen();
        const name = over;
        if (name !== null && !(side.heldBlocksHover && current !== null && side.held())) {
          openTarget = name;
          openTimer = setTimeout(() => {
            openTimer = null;
            report();
            side.open(name);
          }, HOVER_OPEN_MS);
        }
      }
      if (current !== null && !side.held() && closeTimer === null) {
        closeTimer = setTimeout(() => {
          closeTimer = null;
          report();
          const now = side.current() ?? null;
          if (now !== null && !onCard && over !== now) side.close();
        }, HOVER_CLOSE_MS);
      }
      report();
    }

    /** Drops what is scheduled (the side opened or closed a card itself). */
    function cancel() {
      cancelOpen();
      cancelClose();
      report();
    }

    return {
      point,
      cancel,
      /** An open or a close is scheduled. */
      get pending() { return openTimer !== null || closeTimer !== null; },
    };
  }

  global.bioflagCardHover = Object.freeze({ HOVER_OPEN_MS, HOVER_CLOSE_MS, create });
})(globalThis);
