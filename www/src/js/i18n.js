// The site's labels in the reader's language: English, Simplified or Traditional Chinese, chosen
// from the browser's languages. The messages are the site's own (www/src/locales/site.json) and
// the card's (the extension's _locales), merged by www/build.mjs into js/messages.js. The pages'
// HTML keeps its English, so a failed script still leaves a readable page; elements name their
// message with data-i18n (text), data-i18n-subs ("a|b", substitutions), data-i18n-attr
// ("attribute:key") and data-i18n-slots (text around marked child elements, see fillSlots).
import { MESSAGES } from './messages.js';
// The extension's shared/fill.js, copied by the build: one substitution filler for site and card.
import './fill.js';

const { fill, parts: messageParts } = globalThis.bioflagFill;

/** The first of the browser's languages the site has: zh-TW/HK/MO and Hant are Traditional. */
export function pickLocale(languages) {
  for (const tag of languages) {
    const lower = String(tag).toLowerCase();
    if (lower.startsWith('zh')) return /^zh-(tw|hk|mo)\b|hant/.test(lower) ? 'zh_TW' : 'zh_CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export const locale = pickLocale(navigator.languages?.length ? navigator.languages : [navigator.language || 'en']);

/** The message `key` with $1..$9 filled from `subs`; English when the locale lacks it. */
export function t(key, subs = []) {
  // The card asks with its own keys, whose dashes messages.json cannot hold (card.js messageKey).
  const name = key.replace(/-/g, '_');
  const text = MESSAGES[locale][name] ?? MESSAGES.en[name];
  return text === undefined ? '' : fill(text, subs);
}

/** The BCP 47 tag of the chosen locale (zh-CN), for lang attributes. */
export const languageTag = locale.replace('_', '-');

/**
 * A paragraph with markup inside (<strong>, <code>, a link, a catalog fact the build filled in):
 * its message names the children marked data-i18n-slot as $1, $2 ... in their document order,
 * and the element is rebuilt as the message's text around those same nodes, which keep their
 * markup (and are translated themselves when they carry data-i18n). Text only, never HTML: a
 * message cannot add markup. A message that names a slot the element lacks, or leaves one out,
 * keeps the English (and says so on the console), so nothing on the page is lost.
 */
export function fillSlots(el, message) {
  const slots = [...el.querySelectorAll('[data-i18n-slot]')].filter((s) => s.parentElement.closest('[data-i18n-slots]') === el);
  const parts = messageParts(message);
  const used = parts.filter((_, i) => i % 2);
  if (used.some((n) => !slots[n - 1]) || new Set(used).size !== slots.length) {
    console.warn(`i18n: ${el.dataset.i18nSlots} names slots ${used.join(',')}, the page has ${slots.length}`);
    return false;
  }
  el.replaceChildren(...parts.filter((part) => part !== '').map((part) => (typeof part === 'number' ? slots[part - 1] : document.createTextNode(part))));
  return true;
}

/**
 * Replaces the English of every marked element under `root`. The language tag drives the
 * browser's font choice and CJK line breaking, so each translated element gets one, and the
 * page too where all of its own text is translated (<html data-i18n-page>; what the build takes
 * from the catalog stays in its sources' language and is marked lang="en" in the page); the
 * install page keeps an English body, so only its header and footer change language.
 */
export function localize(root = document) {
  if (locale === 'en') return;
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const subs = el.dataset.i18nSubs ? el.dataset.i18nSubs.split('|') : [];
    el.textContent = t(el.dataset.i18n, subs);
    el.lang = languageTag;
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(' ')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
  // After the plain labels: the slots move with their translated text.
  for (const el of root.querySelectorAll('[data-i18n-slots]')) {
    const key = el.dataset.i18nSlots;
    const name = key.replace(/-/g, '_');
    const text = MESSAGES[locale][name] ?? MESSAGES.en[name];
    if (text !== undefined && fillSlots(el, text)) el.lang = languageTag;
  }
  if (document.documentElement.hasAttribute('data-i18n-page')) document.documentElement.lang = languageTag;
}
