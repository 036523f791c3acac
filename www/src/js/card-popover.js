// Shows the shared context card (globalThis.bioflagCard, from the extension's ui/card.js) next to
// a highlighted name: on hover (after a short intent delay, like Wikipedia's page previews), on
// keyboard focus, and pinned on click / Enter / Space. Per WCAG 1.4.13 the card is dismissible
// (Esc), hoverable (moving the pointer onto it keeps it open) and persistent (it stays until the
// pointer or focus leaves, or it is dismissed).

import { t, languageTag } from './i18n.js';
// When the card follows the pointer, as in the extension (a classic script, run for its global).
import './card-hover.js';

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
  // Focus returned to a mark by Esc or the close button must not reopen its card.
  let returningFocus = false;

  const isMark = (node) => node instanceof Element && node.matches('mark.hit');
  // Hover intent and the grace period are the extension's (ui/card-hover.js); a card pinned by a
  // click or Enter stays, and hovering another name does not replace it.
  const hover = globalThis.bioflagCardHover.create({
    open: (mark) => open(mark),
    close: () => close(),
    current: () => openMark,
    held: () => pinned,
    heldBlocksHover: true,
    // `data-pending` on the card while an open or close is scheduled: tests wait for it to go
    // instead of sleeping before they check that the card stayed.
    onPending: (pending) => popover.toggleAttribute('data-pending', pending),
  });

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
    hover.cancel();
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
    hover.cancel();
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

  // The pointer's place: the card, a name, or elsewhere (null). Only a move into or out of a
  // name or the card counts, as on the extension's page: moving about elsewhere leaves a card
  // that focus opened where it is.
  let where = null;
  const moveTo = (place) => {
    if (place === where) return;
    where = place;
    if (place === popover) hover.point(null, { card: true });
    else hover.point(place);
  };
  doc.addEventListener('mouseover', (e) => {
    if (popover.contains(e.target)) return moveTo(popover);
    return moveTo((container.contains(e.target) && e.target.closest?.('mark.hit')) || null);
  });
  doc.addEventListener('mouseout', (e) => {
    if (!e.relatedTarget) moveTo(null); // out of the window
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
