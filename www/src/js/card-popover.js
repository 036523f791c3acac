// Shows the shared context card (globalThis.bioflagCard, from the extension's ui/card.js) next to
// a highlighted name: on hover (after a short intent delay, like Wikipedia's page previews), on
// keyboard focus, and pinned on click / Enter / Space. Per WCAG 1.4.13 the card is dismissible
// (Esc), hoverable (moving the pointer onto it keeps it open) and persistent (it stays until the
// pointer or focus leaves, or it is dismissed).

import { t, languageTag } from './i18n.js';
// The extension's card timing (a classic script, run for its global).
import './card-timing.js';

const { HOVER_OPEN_MS, HOVER_CLOSE_MS } = globalThis.bioflagCardTiming;
const MARGIN = 8;

/**
 * `container`: the element holding the marks (events are delegated to it).
 * `cardFor(mark)`: {card, match} for a mark, where `card` is the engine's card data and `match`
 * is {text, alias, evidence} for the card's "why" line.
 */
export function createCardPopover({ container, cardFor }) {
  const doc = container.ownerDocument;
  const { render } = globalThis.bioflagCard;
  // An <aside>: the card's own <header> would otherwise count as a second page banner.
  const popover = doc.createElement('aside');
  popover.setAttribute('aria-label', t('siteCardLabel'));
  popover.className = 'card-popover';
  popover.id = 'card-popover';
  popover.hidden = true;
  doc.body.append(popover);

  let openMark = null;
  let pinned = false;
  let timer = 0;
  // Focus returned to a mark by Esc or the close button must not reopen its card.
  let returningFocus = false;

  const isMark = (node) => node instanceof Element && node.matches('mark.hit');
  // `data-pending` on the card while an open or close is scheduled: tests wait for it to go
  // instead of sleeping before they check that the card stayed.
  const clearTimer = () => {
    clearTimeout(timer);
    timer = 0;
    popover.removeAttribute('data-pending');
  };
  const later = (ms, fn) => {
    clearTimer();
    popover.setAttribute('data-pending', '');
    timer = setTimeout(() => {
      timer = 0;
      popover.removeAttribute('data-pending');
      fn();
    }, ms);
  };

  function place(mark) {
    const r = mark.getBoundingClientRect();
    const width = Math.min(popover.offsetWidth, doc.documentElement.clientWidth - 2 * MARGIN);
    const left = Math.max(MARGIN, Math.min(r.left, doc.documentElement.clientWidth - width - MARGIN));
    const below = r.bottom + MARGIN;
    const fitsBelow = below + popover.offsetHeight <= window.innerHeight || r.top < popover.offsetHeight + MARGIN;
    // A card taller than the room on either side stays inside the window rather than running
    // off its bottom (its first screen must be readable without scrolling).
    const wanted = fitsBelow ? below : r.top - popover.offsetHeight - MARGIN;
    const top = Math.max(MARGIN, Math.min(wanted, window.innerHeight - popover.offsetHeight - MARGIN));
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function open(mark, { pin = false } = {}) {
    clearTimer();
    if (openMark === mark) {
      pinned = pinned || pin;
      return;
    }
    close({ restoreFocus: false });
    const { card, match } = cardFor(mark);
    popover.replaceChildren(render(card, { match, onClose: () => close({ restoreFocus: true }), document: doc, t, lang: languageTag }));
    popover.hidden = false;
    mark.setAttribute('aria-expanded', 'true');
    mark.setAttribute('aria-controls', popover.id);
    openMark = mark;
    pinned = pin;
    place(mark);
  }

  function close({ restoreFocus = false } = {}) {
    clearTimer();
    if (!openMark) return;
    const mark = openMark;
    openMark = null;
    pinned = false;
    popover.hidden = true;
    popover.replaceChildren();
    mark.setAttribute('aria-expanded', 'false');
    mark.removeAttribute('aria-controls');
    if (restoreFocus && mark.isConnected && doc.activeElement !== mark) {
      returningFocus = true;
      mark.focus();
      returningFocus = false;
    }
  }

  /** Opens the card and moves focus into it, so its links and close button are reachable. */
  function openAndEnter(mark) {
    open(mark, { pin: true });
    const target = popover.querySelector('.bf-close, a, button') || popover.firstElementChild;
    if (target) {
      if (!target.matches('a, button')) target.tabIndex = -1;
      target.focus();
    }
  }

  container.addEventListener('mouseover', (e) => {
    const mark = e.target.closest?.('mark.hit');
    if (!mark) return;
    if (openMark === mark) return clearTimer();
    if (!pinned) later(HOVER_OPEN_MS, () => open(mark));
  });
  container.addEventListener('mouseout', (e) => {
    const mark = e.target.closest?.('mark.hit');
    if (!mark || mark.contains(e.relatedTarget)) return;
    if (openMark === mark && !pinned) later(HOVER_CLOSE_MS, () => close());
    else if (openMark !== mark) clearTimer();
  });
  popover.addEventListener('mouseover', () => {
    if (openMark) clearTimer();
  });
  popover.addEventListener('mouseout', (e) => {
    if (!pinned && !popover.contains(e.relatedTarget) && e.relatedTarget !== openMark) later(HOVER_CLOSE_MS, () => close());
  });

  container.addEventListener('focusin', (e) => {
    if (isMark(e.target) && !returningFocus) open(e.target);
  });
  container.addEventListener('click', (e) => {
    const mark = e.target.closest?.('mark.hit');
    if (mark) openAndEnter(mark);
  });
  container.addEventListener('keydown', (e) => {
    if (!isMark(e.target)) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openAndEnter(e.target);
    }
  });

  // Focus leaving both the mark and the card closes an unpinned card; a pinned one too once
  // focus has moved elsewhere on the page.
  doc.addEventListener('focusin', (e) => {
    if (!openMark) return;
    if (e.target === openMark || popover.contains(e.target)) return;
    close();
  });
  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && openMark) {
      const focusWasInside = popover.contains(doc.activeElement) || doc.activeElement === openMark;
      e.preventDefault();
      close({ restoreFocus: focusWasInside });
    }
  });
  doc.addEventListener('pointerdown', (e) => {
    if (openMark && !popover.contains(e.target) && !openMark.contains(e.target)) close();
  });
  // The card follows its name when the page or the scanned text (which scrolls on its own) moves.
  const follow = () => openMark && place(openMark);
  window.addEventListener('resize', follow);
  container.addEventListener('scroll', follow, { passive: true });

  return { open, close, element: popover, isOpen: () => openMark !== null };
}
