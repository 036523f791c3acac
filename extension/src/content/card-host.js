/*
 * Shows the shared card (ui/card.js) next to a match, in a closed shadow root so page scripts
 * cannot reach into it and neither page styles nor ours cross the boundary. The host element is
 * marked as our UI so the scanner skips it. WCAG 1.4.13: dismissible (Esc), hoverable (moving
 * the pointer onto the card keeps it open), persistent (stays until dismissed or left).
 *
 * Keyboard: a card that opened because a page element got focus says so in a line at its foot;
 * Tab then moves focus into the card (content/interaction.js), Tab and Shift+Tab go through its
 * links and buttons, Tab past the last one leaves the card and continues after that element,
 * Shift+Tab before the first one and Esc close it and put focus back on the element.
 *
 * Defines `globalThis.bioflagCardHost`.
 */
(function defineCardHost(global) {
  'use strict';
  const { OWN_ATTRIBUTE } = global.bioflagBlocks;
  const GAP = 6;
  const MARGIN = 8;

  /**
   * `onToggle()` is called after the card opens or closes (main reports state then).
   * @param {Document} doc
   * @returns {CardHost}
   */
  function create(doc, onToggle = () => {}) {
    let host = null;
    let shadow = null;
    let current = null; // {record, element, origin, trigger, keyboard}
    let returnedTo = null; // the element focus was last handed back to (see interaction.js)

    function ensureHost() {
      if (host && host.isConnected) return;
      host = doc.createElement('div');
      host.setAttribute(OWN_ATTRIBUTE, 'card');
      // CSSOM (not a style attribute), so strict style-src pages accept it.
      Object.assign(host.style, { all: 'initial', position: 'fixed', zIndex: '2147483647', top: '0px', left: '0px', display: 'none' });
      shadow = host.attachShadow({ mode: 'closed' });
      // A long card scrolls inside itself; the wheel must not scroll the page away under it.
      const css = `:host { all: initial; } ${global.bioflagCard.css}
.bf-card { overscroll-behavior: contain; max-width: min(26rem, calc(100vw - ${2 * MARGIN}px)); }`;
      try {
        const sheet = new doc.defaultView.CSSStyleSheet();
        sheet.replaceSync(css);
        shadow.adoptedStyleSheets = [sheet];
      } catch (e) {
        const style = doc.createElement('style');
        style.textContent = css;
        shadow.append(style);
      }
      shadow.addEventListener('keydown', onCardKeyDown);
      shadow.addEventListener('focusin', () => onToggle()); // test builds publish where focus is
      (doc.body || doc.documentElement).append(host);
    }

    /** The card's links and buttons, in tab order. */
    function controls() {
      // Links inside the closed "Sources" disclosure are not tab stops until it is opened.
      const all = current ? current.element.querySelectorAll('a[href], button:not([disabled]), summary') : [];
      return [...all].filter((c) => !c.closest('details:not([open]) > :not(summary)'));
    }

    /** Tab past the last control, or Shift+Tab before the first, leaves the card. */
    function onCardKeyDown(event) {
      if (event.key !== 'Tab' || !current || event.altKey || event.ctrlKey || event.metaKey) return;
      const list = controls();
      const active = shadow.activeElement;
      if (event.shiftKey && (active === current.element || active === list[0])) {
        event.preventDefault();
        close(true);
      } else if (!event.shiftKey && (!list.length || active === list[list.length - 1])) {
        // Focus goes back to the element the card belongs to and, since the key's default
        // action is not prevented, the browser moves on from there to the page's next stop.
        close(true);
      }
    }

    /** Moves keyboard focus into the open card (its dialog element, which names the entity). */
    function focusCard() {
      if (!current) return false;
      current.element.focus();
      return true;
    }

    /**
     * The height the card's first screen needs (names, listings, the first response, then the
     * card's own bottom padding and border): what a reader must see without scrolling in it.
     */
    function firstScreenHeight(card) {
      const first = card.querySelector('.bf-responses > li') || card.querySelector('.bf-no-response') || card.querySelector('.bf-first');
      if (!first) return card.offsetHeight;
      const style = global.getComputedStyle(card);
      const end = parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth);
      return Math.ceil(first.getBoundingClientRect().bottom - card.getBoundingClientRect().top + end);
    }

    /**
     * Puts the card below the match, or above when there is more room there. When neither side
     * has room for the card's first screen (a phone, a mention mid-window), the card moves over
     * the match just as far as that first screen needs: a reader sees who and which list
     * without scrolling inside the card, and moving the pointer onto it keeps it open.
     */
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
      const need = Math.min(height, firstScreenHeight(card), vh - 2 * MARGIN);
      let top;
      if (height <= below || below >= above) {
        top = Math.min(anchor.bottom + GAP, vh - MARGIN - need);
        const room = vh - MARGIN - top;
        if (height > room) card.style.maxHeight = `${room}px`;
      } else {
        const bottom = Math.max(anchor.top - GAP, MARGIN + need);
        const room = bottom - MARGIN;
        if (height > room) card.style.maxHeight = `${room}px`;
        top = bottom - Math.min(height, room);
      }
      const width = card.offsetWidth;
      const left = Math.min(Math.max(MARGIN, anchor.left), Math.max(MARGIN, vw - width - MARGIN));
      host.style.top = `${Math.round(top)}px`;
      host.style.left = `${Math.round(left)}px`;
    }

    /**
     * Opens the card of `record` with `data` (engine card); `actions` are the card's button
     * handlers; `focus` moves keyboard focus into the card (shortcut and popup opens);
     * `trigger` is the page element whose keyboard focus opened it.
     * @param {PageRecord} record
     * @param {EngineCard} data
     * @param {{ actions?: object, focus?: boolean, trigger?: Element | null }} [options]
     */
    function open(record, data, { actions, focus, trigger } = {}) {
      ensureHost();
      close(false);
      const element = global.bioflagCard.render(data, {
        document: doc,
        match: { text: record.text, alias: record.aliasText, evidence: record.evidence },
        actions,
        onClose: () => close(true),
        keys: !!trigger,
      });
      element.tabIndex = -1;
      shadow.append(element);
      const origin = trigger || (focus ? doc.activeElement : null);
      current = { record, element, origin, trigger: trigger || null, keyboard: !!(trigger || focus) };
      host.style.display = 'block';
      position(record.range);
      if (focus) element.focus();
      onToggle();
    }

    /**
     * Closes the card. Focus inside it goes back to where it came from (`restore` asks for that
     * even when it is not inside, e.g. Esc pressed on the page element).
     */
    function close(restore = true) {
      if (!current) return;
      const { element, origin } = current;
      const focusInside = !!shadow.activeElement;
      current = null;
      element.remove();
      host.style.display = 'none';
      if ((restore || focusInside) && origin && origin.isConnected && typeof origin.focus === 'function') {
        returnedTo = origin; // set first: focusing it must not reopen the card
        origin.focus();
      }
      onToggle();
    }

    /** True when the point is over the open card (so hovering it keeps it open). */
    function containsPoint(x, y) {
      if (!current) return false;
      const r = current.element.getBoundingClientRect();
      return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
    }

    function labelOf(control) {
      return control.getAttribute('aria-label') || control.textContent.trim();
    }

    /** For tests: where keyboard focus is in the card (the card itself or a control's label). */
    function describeFocus() {
      const active = shadow && shadow.activeElement;
      if (!active) return null;
      return active === current.element ? 'card' : labelOf(active);
    }

    return {
      open,
      close,
      containsPoint,
      focusCard,
      get record() { return current && current.record; },
      get trigger() { return current && current.trigger; },
      /** Opened by the keyboard (focus on a page element, shortcut, popup), not the pointer. */
      get keyboard() { return !!(current && current.keyboard); },
      get host() { return host; },
      get returnedTo() { return returnedTo; },
      set returnedTo(el) { returnedTo = el; },
      /** For tests: the open card's entity id, its visible text, focus, controls and where its
       *  first screen (names, listings, the first response) ends against its visible box. */
      snapshot() {
        if (!current) return null;
        const card = current.element;
        const box = card.getBoundingClientRect();
        const first = card.querySelector('.bf-responses > li') || card.querySelector('.bf-no-response') || card.querySelector('.bf-first');
        return {
          firstScreen: {
            scrollTop: card.scrollTop,
            firstBottom: first.getBoundingClientRect().bottom,
            visibleBottom: box.top + card.clientTop + card.clientHeight,
            cardTop: box.top,
            viewport: global.innerHeight,
          },
          box: { x: box.x, y: box.y, width: box.width, height: box.height },
          entity: current.element.dataset.entity,
          text: current.element.innerText || current.element.textContent,
          focus: describeFocus(),
          elements: [...new Set(Array.from(current.element.querySelectorAll('*'), (e) => e.localName))].sort(),
          controls: controls().map((c) => {
            const r = c.getBoundingClientRect();
            return { label: labelOf(c), x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }),
        };
      },
    };
  }

  global.bioflagCardHost = Object.freeze({ create });
})(globalThis);
