/*
 * When the card opens: hover with intent (300 ms on the same match), click on a match, keyboard
 * focus on an element containing a match, and "next mention" (popup or shortcut, which also moves
 * focus into the card). Esc closes and gives focus back. Leaving both the match and the card
 * closes after a grace period, so the pointer can travel onto the card (hoverable).
 * A card opened by focus is reachable by keyboard (WCAG 1.4.13 content on focus): Tab on its
 * element moves into it (card-host.js handles keys inside the card); focus moving elsewhere on
 * the page closes it; focus handed back to the element does not reopen it.
 *
 * Defines `globalThis.bioflagInteraction`.
 */
(function defineInteraction(global) {
  'use strict';
  /**
   * `openCard(record, {focus})` opens the card; `scanner`, `painter`, `cardHost` as created.
   * @param {Parameters<BioflagInteraction['create']>[0]} options
   * @returns {Interaction}
   */
  function create({ doc, scanner, painter, cardHost, openCard }) {
    let frame = 0;
    let lastPoint = null;
    let cursor = -1; // index of the last mention visited by "next"
    // Hover intent and the grace period are ui/card-hover.js's, shared with the website. A card
    // the keyboard opened (focus, shortcut, popup) is the keyboard's: the pointer passing by, or
    // Chromium's synthetic move after the scroll to it, leaves it open.
    const hover = global.bioflagCardHover.create({
      open: (record) => openCard(record, { focus: false }),
      close: () => cardHost.close(false),
      current: () => cardHost.record,
      held: () => cardHost.keyboard,
    });

    function recordAt(x, y) {
      return painter.recordAt(doc, x, y, scanner.shadowRoots());
    }

    // Hit-testing is done once per frame, at the latest point, however many moves came in.
    function onPointerMove(event) {
      lastPoint = [event.clientX, event.clientY];
      if (frame) return;
      frame = global.requestAnimationFrame(() => {
        frame = 0;
        const [x, y] = lastPoint;
        if (cardHost.containsPoint(x, y)) hover.point(null, { card: true });
        else hover.point(recordAt(x, y));
      });
    }

    function onClick(event) {
      const record = recordAt(event.clientX, event.clientY);
      if (record) openCard(record, { focus: false });
    }

    /** Keyboard focus landing on an element (a link, a cell) that contains a match. */
    function onFocusIn(event) {
      const target = event.target;
      if (!target || target === cardHost.host || target.nodeType !== Node.ELEMENT_NODE) return;
      // Focus given back by the card (Esc, Tab out of it) stays put without reopening it.
      if (target === cardHost.returnedTo) return;
      cardHost.returnedTo = null;
      if (cardHost.trigger && target !== cardHost.trigger) cardHost.close(false);
      const record = scanner.mentions().find((r) => target.contains(r.nodes[0].node));
      if (record) openCard(record, { focus: false, trigger: target });
    }

    function onKeyDown(event) {
      if (event.key === 'Escape' && cardHost.record) {
        cardHost.close(true);
        event.stopPropagation();
        return;
      }
      // Tab on the element whose focus opened the card goes into the card.
      if (event.key === 'Tab' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
        && cardHost.trigger && doc.activeElement === cardHost.trigger && cardHost.focusCard()) {
        event.preventDefault();
        event.stopPropagation();
      }
    }

    /**
     * Scrolls to the next mention (optionally of one entity) and opens its card.
     * @param {{ entity?: string, focus?: boolean }} [options]
     */
    function next({ entity, focus } = {}) {
      const list = scanner.mentions().filter((r) => !entity || r.id === entity);
      if (!list.length) return null;
      const all = scanner.mentions();
      const after = list.find((r) => all.indexOf(r) > cursor) || list[0];
      cursor = all.indexOf(after);
      const el = after.nodes[0].node.parentElement;
      if (el) el.scrollIntoView({ block: 'center', behavior: 'instant' });
      openCard(after, { focus: focus !== false });
      return after;
    }

    function start() {
      doc.addEventListener('pointermove', onPointerMove, { capture: true, passive: true });
      doc.addEventListener('click', onClick, { capture: true, passive: true });
      doc.addEventListener('focusin', onFocusIn, true);
      doc.addEventListener('keydown', onKeyDown, true);
    }

    function stop() {
      doc.removeEventListener('pointermove', onPointerMove, { capture: true });
      doc.removeEventListener('click', onClick, { capture: true });
      doc.removeEventListener('focusin', onFocusIn, true);
      doc.removeEventListener('keydown', onKeyDown, true);
      hover.cancel();
      cardHost.close(false);
    }

    return {
      start, stop, next,
      /** No pointer frame or hover/leave timer pending: what the pointer did has taken effect. */
      get idle() { return !frame && !hover.pending; },
    };
  }

  global.bioflagInteraction = Object.freeze({ create });
})(globalThis);
