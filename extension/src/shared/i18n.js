/*
 * The extension pages' labels (popup, options) in the browser's language, from _locales through
 * the WebExtensions i18n API. The pages' HTML keeps its English text so that it reads right
 * before this runs; elements name their message with data-i18n (text) or data-i18n-attr
 * ("attribute:key"). The card has its own copy of the English (ui/card.js) because it also runs
 * on the website, where there is no i18n API.
 */
'use strict';
(function (global) {
  const api = global.bioflagPlatform.api && global.bioflagPlatform.api.i18n;

  /** The message `key` with $1.. filled from `subs`; the key itself if the message is missing. */
  function t(key, subs) {
    const text = api ? api.getMessage(key, (subs || []).map(String)) : '';
    return text || key;
  }

  /** The interface language as a BCP 47 tag ("zh-TW"), or '' where there is no i18n API. */
  function uiLanguage() {
    const locale = api && api.getMessage('@@ui_locale');
    return locale ? locale.replace('_', '-') : '';
  }

  /** Replaces the English of every marked element under `root` and sets the page's language. */
  function localize(root) {
    for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of root.querySelectorAll('[data-i18n-attr]')) {
      const [attr, key] = el.dataset.i18nAttr.split(':');
      el.setAttribute(attr, t(key));
    }
    // The language tag drives the browser's font choice and CJK line breaking.
    const lang = uiLanguage();
    if (lang && root.documentElement) root.documentElement.lang = lang;
  }

  global.bioflagI18n = { t, localize, uiLanguage };
})(globalThis);
