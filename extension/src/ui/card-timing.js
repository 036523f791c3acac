/*
 * How a context card follows the pointer, the same in the extension (content/interaction.js)
 * and on the website (www/src/js/card-popover.js). Classic script: defines
 * `globalThis.bioflagCardTiming`; the website imports it for that effect.
 */
(function defineCardTiming(global) {
  'use strict';
  global.bioflagCardTiming = Object.freeze({
    /** A pointer resting this long on a name opens its card; one passing over opens nothing. */
    HOVER_OPEN_MS: 300,
    /**
     * A card stays this long after the pointer leaves its name or the card, so the pointer can
     * cross the gap onto the card (WCAG 1.4.13, hoverable) without it closing on the way.
     */
    HOVER_CLOSE_MS: 400,
  });
})(globalThis);
