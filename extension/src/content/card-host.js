/*
 * Shows the shared card (ui/card.js) next to a match, in a closed shadow root so page scripts
 * cannot reach into it and neither page styles nor ours cross the boundary. The host element is
 * marked as our UI so the scanner skips it. WCAG 1.4.13: dismissible (Esc), hoverable (moving
 * the pointer onto the card keeps it open), persistent (stays until dismissed or left).
 *
 * Defines `globalThis.bioflagCardHost`.
 */
(function defineCardHost(global) {
  'use strict';
  const { OWN_ATTRIBUTE } = global.bioflagBlocks;
  const GAP = 6;
  const MARGIN = 8;

  /** `onToggle()` is called after the card opens or closes (main reports state then). */
  function create(doc, onToggle = () => {}) {
    let host = null;
    let shadow = null;
    let current = null; // {record, element, restoreFocus}

    function ensureHost() {
      if (host && host.isConnected) return;
      host = doc.createElement('div');
      host.setAttribute(OWN_ATTRIBUTE, 'card');
      // CSSOM (not a style attribute), so strict style-src pages accept it.
      Object.assign(host.style, { all: 'initial', position: 'fixed', zIndex: '2147483647', top: '0px', left: '0px', display: 'none' });
      shadow = host.attachShadow({ mode: 'closed' });
      const css = `:host { all: initial; } ${global.bioflagCard.css}`;
      try {
        const sheet = new doc.defaultView.CSSStyleSheet();
        sheet.replaceSync(css);
        shadow.adoptedStyleSheets = [sheet];
      } catch (e) {
        const style = doc.createElement('style');
        style.textContent = css;
        shadow.append(style);
      }
      (doc.body || doc.documentElement).append(host);
    }

    /** Puts the card below the match, or above when there is no room, never over it. */
    function position(range) {
      const rects = range.getClientRects();
      const anchor = rects.length ? rects[0] : range.getBoundingClientRect();
      const vw = doc.documentElement.clientWidth || global.innerWidth;
      const vh = doc.documentElement.clientHeight || global.innerHeight;
      const card = current.element;
      card.style.maxHeight = '';
      const below = vh - anchor.bottom - GAP - MARGIN;
      const above = anchor.top - GAP - MARGIN;
      const height = card.offsetHeight;
      let top;
      if (height <= below || below >= above) {
        if (height > below) card.style.maxHeight = `${Math.max(below, 120)}px`;
        top = anchor.bottom + GAP;
      } else {
        if (height > above) card.style.maxHeight = `${Math.max(above, 120)}px`;
        top = anchor.top - GAP - Math.min(height, card.offsetHeight);
      }
      const width = card.offsetWidth;
      const left = Math.min(Math.max(MARGIN, anchor.left), Math.max(MARGIN, vw - width - MARGIN));
      host.style.top = `${Math.round(top)}px`;
      host.style.left = `${Math.round(left)}px`;
    }

    /**
     * Opens the card of `record` with `data` (engine card); `actions` are the card's button
     * handlers; `focus` moves keyboard focus into the card (keyboard-started opens).
     */
    function open(record, data, { actions, focus } = {}) {
      ensureHost();
      close(false);
      const element = global.bioflagCard.render(data, {
        document: doc,
        match: { text: record.text, alias: record.aliasText, evidence: record.evidence },
        actions,
        onClose: () => close(true),
      });
      element.tabIndex = -1;
      shadow.append(element);
      current = { record, element, restoreFocus: focus ? doc.activeElement : null };
      host.style.display = 'block';
      position(record.range);
      if (focus) element.focus();
      onToggle();
    }

    function close(restore = true) {
      if (!current) return;
      const { element, restoreFocus } = current;
      current = null;
      element.remove();
      host.style.display = 'none';
      if (restore && restoreFocus && restoreFocus.isConnected && typeof restoreFocus.focus === 'function') restoreFocus.focus();
      onToggle();
    }

    /** True when the point is over the open card (so hovering it keeps it open). */
    function containsPoint(x, y) {
      if (!current) return false;
      const r = current.element.getBoundingClientRect();
      return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
    }

    return {
      open,
      close,
      containsPoint,
      get record() { return current && current.record; },
      get host() { return host; },
      /** For tests and the popup: the open card's entity id and its visible text. */
      snapshot() { return current ? { entity: current.element.dataset.entity, text: current.element.innerText || current.element.textContent } : null; },
    };
  }

  global.bioflagCardHost = Object.freeze({ create });
})(globalThis);
