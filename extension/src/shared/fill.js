/*
 * Filling a message's substitutions, the one implementation for every place that fills one
 * without the WebExtensions i18n API: the card's built-in English (ui/card.js), the website's
 * labels (www/src/js/i18n.js, which imports this file; www/build.mjs copies it) and the site's
 * build, which turns messages.json entries into plain `$1` text (www/build.mjs).
 *
 * A CLASSIC script (no import/export), like ui/card.js, so that content scripts, extension pages
 * and the website can all load it: it defines `globalThis.bioflagFill`. As an ES module, import
 * it for that side effect: `import './fill.js'; const { fill } = globalThis.bioflagFill;`.
 */
(function defineBioflagFill(global) {
  'use strict';

  const SUBSTITUTION = /\$(\d)/g;

  /** Fills $1..$9 from `subs`, as browser.i18n.getMessage does: a missing one is empty. */
  function fill(text, subs = []) {
    return String(text).replace(SUBSTITUTION, (m, n) => (subs[n - 1] === undefined ? '' : String(subs[n - 1])));
  }

  /**
   * `text` cut at its substitutions, for callers that put nodes there rather than text:
   * strings (possibly empty) and substitution numbers alternate, starting with a string.
   * 'a $2 b' -> ['a ', 2, ' b'].
   */
  function parts(text) {
    return String(text).split(SUBSTITUTION).map((p, i) => (i % 2 ? Number(p) : p));
  }

  /**
   * A messages.json entry's text with its named placeholders (`$s1$`) replaced by their content
   * (`$1`), ready for fill(). A placeholder the entry does not define is an error naming it.
   */
  function messageText(entry) {
    return entry.message.replace(/\$([a-z0-9_]+)\$/gi, (m, name) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content;
      if (typeof content !== 'string') throw new Error(`no placeholder ${name} in “${entry.message}”`);
      return content;
    });
  }

  global.bioflagFill = Object.freeze({ fill, parts, messageText });
})(globalThis);
