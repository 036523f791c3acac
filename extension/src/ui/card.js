/*
 * The bioflag context card: one implementation shared by the extension and the website.
 *
 * It is a CLASSIC script (no import/export) that defines `globalThis.bioflagCard`, because
 * content scripts cannot be ES modules while pages can load a classic script either way:
 *
 *   - extension content script: bundled after shared/fill.js and before the scripts that use it
 *     (extension/tools/bundle.mjs); they call `bioflagCard.render(...)` and put the result plus
 *     a <style> holding `bioflagCard.css` into a closed shadow root.
 *   - website (www/) or any plain page, after shared/fill.js (its substitution filling):
 *       <script src="fill.js"></script><script src="card.js"></script>        (classic), or
 *       import './fill.js'; import './card.js'; const { render, css } = globalThis.bioflagCard;
 *     then add `css` once (a <style> or adoptedStyleSheets) and append `render(data, opts)`.
 *
 * It never uses innerHTML: every piece of catalog text goes into a text node, and only `https:`
 * URLs become links (new tab, rel="noopener noreferrer"). Its labels come from the WebExtensions
 * i18n API where there is one (the extension's _locales, in the browser's language), else from
 * `options.t` (the website passes the same messages), else from the English in MESSAGES.
 *
 *   render(card, {
 *     match:   {text, alias, evidence},   // optional: what matched on the page, and why
 *     actions: {notThis, pause},          // optional handlers; a button is shown for each one given
 *     onClose,                            // optional: shows a close button
 *     keys,                               // optional: true adds how to reach it by keyboard
 *     t,                                  // optional: (key, [substitutions]) -> label or ''
 *     lang,                               // optional: the labels' language (BCP 47), for lang=;
 *                                         // zh-TW/HK/MO or zh-Hant show the traditional name
 *     document,                           // optional: the Document to create nodes in
 *   }) -> HTMLElement (class "bf-card")
 *
 * The order is the reader's: who and which list (kept by whom, since when, what that means),
 * then the company's response, then who it is, what has been reported, relations, and the
 * sources (collapsed). `.bf-first` holds what must fit on the first screen without scrolling.
 *
 * `card` is the object returned by the engine's `card(entity)` (see src/wasm.rs / src/card.rs).
 */
(function defineBioflagCard(global) {
  'use strict';

  /**
   * English labels, in the WebExtensions messages.json convention ($1, $2 are substitutions);
   * extension/src/_locales/en/messages.json holds the same text (a test keeps them equal).
   */
  const MESSAGES = {
    cardListedSince: 'On the $1 since $2',
    cardListed: 'On the $1',
    cardRemoved: 'Removed from the $1 on $2 (listed $3)',
    cardRemovedUndated: 'Removed from the $1 on $2',
    cardKeptBy: 'Kept by the $1.',
    cardMeaning: 'What this means:',
    cardResponse_company: 'The company’s response',
    cardResponse_institute: 'The institute’s response',
    cardResponse_body: 'The body’s response',
    cardNoResponse_company: 'No statement by the company is on record here.',
    cardNoResponse_institute: 'No statement by the institute is on record here.',
    cardNoResponse_body: 'No statement by the body is on record here.',
    cardPredates: 'Said before the $1 listing',
    cardReported: 'What has been reported',
    cardRelations: 'How sources relate it to other entities',
    cardSources: 'Sources ($1)',
    cardCopy: 'a copy',
    cardUndated: 'undated',
    cardConfidence_primary: 'official text',
    cardConfidence_secondary: 'secondary source',
    cardAsOf: '$1 as of $2',
    cardClose: 'Close',
    cardStatus: 'Status',
    cardNotThis: 'Not this entity here',
    cardPause: 'Pause on this site',
    cardKeys: 'Tab: into this card · Esc: close',
    cardMatched: 'Matched “$1”',
    cardMatchedAs: 'as “$1”',
    cardImported: 'Listed on “$1”, a list you imported; it carries no reporting.',
    cardImportedTier: 'On your imported list “$1”',
    cardTier_designated: 'On an official US list',
    'cardTier_formerly-designated': 'Formerly on an official US list',
    'cardTier_named-in-reporting': 'Named in reporting',
    cardTier_affiliate: 'Affiliate of a listed entity',
    cardEvidence0: 'the name matched a known name of this entity',
    cardEvidence1: 'a short name, confirmed by a nearby word (such as “genomics” or “sequencing”)',
    cardEvidence2: 'confirmed because the same passage names the company in full',
    cardEvidence3: 'confirmed because this page names the company in full elsewhere',
    cardEvidence4: 'not yet confirmed by the page',
  };

  /** messages.json keys allow only [A-Za-z0-9_@]: the tier's dashes become underscores there. */
  const messageKey = (key) => key.replace(/-/g, '_');

  /** English, with $1.. filled by shared/fill.js (looked up when first needed, so the stylesheet
   * can be read without it). */
  function english(key, subs) {
    if (!global.bioflagFill) throw new Error('bioflagCard needs shared/fill.js loaded first');
    return global.bioflagFill.fill(MESSAGES[key] ?? key, subs);
  }

  function i18nApi() {
    return (global.browser && global.browser.i18n) || (global.chrome && global.chrome.i18n);
  }

  /** The labels' language: options.lang, else the extension's interface language, if any. */
  function labelLanguage(options) {
    if (options.lang) return options.lang;
    const api = i18nApi();
    const locale = api && typeof api.getMessage === 'function' ? api.getMessage('@@ui_locale') : '';
    return locale ? locale.replace('_', '-') : '';
  }

  /** A Traditional-Chinese reader (Taiwan, Hong Kong, Macao or a Hant tag) gets traditional characters. */
  function wantsTraditional(lang) {
    return /^zh-(tw|hk|mo)\b|^zh-hant\b/i.test(lang || '');
  }

  /** The Chinese name in the reader's script, with its language tag (which picks the font). */
  function chineseName(card, lang) {
    if (wantsTraditional(lang) && card.name_zh_hant) return { text: card.name_zh_hant, lang: 'zh-TW' };
    return card.name_zh ? { text: card.name_zh, lang: 'zh-CN' } : null;
  }

  /** The label function: options.t, else the extension's i18n, else English. */
  function translator(options) {
    const api = i18nApi();
    const t = typeof options.t === 'function'
      ? options.t
      : api && typeof api.getMessage === 'function'
        ? (key, subs) => api.getMessage(messageKey(key), (subs || []).map(String))
        : null;
    if (!t) return english;
    return (key, subs) => t(key, subs) || english(key, subs);
  }

  let idCounter = 0;

  /** The reason for evidence `code`; a code with no message of its own reads as a name match. */
  function evidenceText(code, t = english) {
    const key = `cardEvidence${code}`;
    return t(Number.isInteger(code) && Object.hasOwn(MESSAGES, key) ? key : 'cardEvidence0');
  }

  /** Only https links leave the card; anything else is shown as plain text. */
  function isSafeUrl(url) {
    return typeof url === 'string' && url.startsWith('https:');
  }

  /** Creates an element with a class and optional text (as a text node). */
  function el(doc, tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.append(doc.createTextNode(String(text)));
    return node;
  }

  const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

  /**
   * An element holding catalog text, which stays in the language of its source: English unless
   * it is Chinese. Tagged, so that a Chinese card draws its quote marks and spaces with Latin
   * glyphs (CJK fonts make “ and ” full width) and screen readers read it as English.
   */
  function sourceText(doc, tag, className, text) {
    const node = el(doc, tag, className, text);
    if (!HAN.test(String(text))) node.lang = 'en';
    return node;
  }

  /**
   * The label `key` with its substitutions, those at the `catalog` indexes (catalog text) each in
   * an element of their own (sourceText). A private-use character marks where each goes, since
   * browser.i18n drops NUL.
   */
  function labelWith(doc, t, key, subs, catalog) {
    const marks = subs.map((s, i) => (catalog.includes(i) ? String.fromCharCode(0xe000 + i) : s));
    const out = doc.createDocumentFragment();
    for (const part of t(key, marks).split(/([\ue000-\ue008])/)) {
      const i = part.length === 1 ? part.charCodeAt(0) - 0xe000 : -1;
      if (catalog.includes(i)) out.append(sourceText(doc, 'span', null, subs[i]));
      else if (part) out.append(doc.createTextNode(part));
    }
    return out;
  }

  /** "Title — Publisher, 2023-12-14 (a copy)", the title a link when the source has an https URL. */
  function sourceLine(doc, t, source) {
    const line = el(doc, 'span', 'bf-source');
    if (!source) return line;
    if (isSafeUrl(source.url)) {
      const a = sourceText(doc, 'a', 'bf-link', source.title);
      a.href = source.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      line.append(a);
    } else {
      line.append(sourceText(doc, 'cite', null, source.title));
    }
    const details = [source.publisher, source.date].filter(Boolean).join(', ');
    if (details) line.append(doc.createTextNode(` — ${details}`));
    if (source.copy && isSafeUrl(source.url)) line.append(doc.createTextNode(` (${t('cardCopy')})`));
    return line;
  }

  /** A response, claim or relation: its date, its text, an optional mark, the source's own words
   *  when the catalog quotes them, and its source. */
  function statement(doc, t, item) {
    const li = el(doc, 'li', 'bf-statement');
    const p = el(doc, 'p', 'bf-statement-text');
    p.append(el(doc, 'time', 'bf-date', item.date || t('cardUndated')));
    if (item.date) p.lastChild.dateTime = item.date;
    if (item.predates) p.append(doc.createTextNode(' '), el(doc, 'span', 'bf-predates', t('cardPredates', [item.predates])));
    p.append(doc.createTextNode(' '), sourceText(doc, 'span', null, item.text));
    li.append(p);
    if (item.quote) li.append(sourceText(doc, 'blockquote', 'bf-quote', item.quote));
    li.append(sourceLine(doc, t, item.source));
    return li;
  }

  function section(doc, title, headingId, className) {
    const s = el(doc, 'section', `bf-section ${className}`);
    const h = el(doc, 'h3', 'bf-heading', title);
    h.id = headingId;
    s.setAttribute('aria-labelledby', headingId);
    s.append(h);
    return s;
  }

  /** The listing in the label's words, the list's name (catalog text) tagged with its language. */
  function listingSentence(doc, t, l) {
    const [key, subs] = l.removed
      ? l.added ? ['cardRemoved', [l.full_name, l.removed, l.added]] : ['cardRemovedUndated', [l.full_name, l.removed]]
      : l.added ? ['cardListedSince', [l.full_name, l.added]] : ['cardListed', [l.full_name]];
    return labelWith(doc, t, key, subs, [0]);
  }

  /**
   * The listing with the list's own texts (full name, keeper, meaning) in the reader's language
   * where the catalog translates them (its `zh` / `zh_hant`); those are the catalog's words about
   * the list, not a source's, so they follow the labels. Notes and citations stay as written.
   */
  function inLanguage(l, lang) {
    if (!/^zh\b/i.test(lang || '')) return l;
    const tr = wantsTraditional(lang) ? l.zh_hant || null : l.zh || null;
    if (!tr) return l;
    return {
      ...l,
      full_name: tr.full_name || l.full_name,
      keeper: tr.authority || l.keeper,
      meaning: (l.meaning || []).map((m, i) => ({ ...m, text: (tr.meaning || [])[i] || m.text })),
    };
  }

  /** The headline: which list, since when or removed when, kept by whom, what it means. */
  function listing(doc, t, l) {
    const box = el(doc, 'div', 'bf-listing');
    const listed = el(doc, 'p', 'bf-listed');
    listed.append(listingSentence(doc, t, l));
    box.append(listed);
    const about = el(doc, 'p', 'bf-list-about');
    if (l.keeper) about.append(labelWith(doc, t, 'cardKeptBy', [l.keeper], [0]));
    for (const detail of [l.note, l.citation].filter(Boolean)) about.append(' ', sourceText(doc, 'span', null, `${detail}${/[.)]$/.test(detail) ? '' : '.'}`));
    if (about.firstChild) box.append(about);
    if (l.meaning && l.meaning.length) {
      const m = el(doc, 'p', 'bf-meaning');
      m.append(el(doc, 'strong', null, t('cardMeaning')));
      // Chinese sentences follow each other without a space; the first follows the label.
      l.meaning.forEach((s, i) => m.append(i && HAN.test(s.text) ? '' : ' ', sourceText(doc, 'span', null, s.text)));
      box.append(m);
    }
    return box;
  }

  function render(card, options = {}) {
    const doc = options.document || global.document;
    const t = translator(options);
    const uid = `bf-card-${++idCounter}`;
    const lang = labelLanguage(options);
    const root = el(doc, 'div', `bf-card bf-tier-${card.tier || 'unknown'}`);
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-labelledby', `${uid}-name`);
    // Set even in a page of another language: it picks the CJK font and line breaking.
    if (lang) root.lang = lang;
    root.dataset.entity = card.id || '';

    // The first screen: names, the listings in plain words, who the entity is, its response.
    const first = el(doc, 'div', 'bf-first');
    const header = el(doc, 'div', 'bf-header');
    const tier = card.imported ? t('cardImportedTier', [card.list]) : t(`cardTier_${card.tier}`);
    header.append(el(doc, 'p', 'bf-tier', tier || card.tier_label || card.tier || ''));
    const name = el(doc, 'h2', 'bf-name', card.name);
    name.id = `${uid}-name`;
    name.lang = 'en';
    header.append(name);
    const zhName = chineseName(card, lang);
    if (zhName) {
      const zh = el(doc, 'p', 'bf-name-zh', zhName.text);
      zh.lang = zhName.lang;
      header.append(zh);
    }
    if (typeof options.onClose === 'function') {
      const close = el(doc, 'button', 'bf-close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', t('cardClose'));
      close.addEventListener('click', () => options.onClose());
      header.append(close);
    }
    first.append(header);

    if (card.listings && card.listings.length) {
      const status = el(doc, 'div', 'bf-status');
      status.setAttribute('role', 'group');
      status.setAttribute('aria-label', t('cardStatus'));
      for (const l of card.listings) status.append(listing(doc, t, inLanguage(l, lang)));
      first.append(status);
    }

    const respondent = ['company', 'institute', 'body'].includes(card.respondent) ? card.respondent : 'company';
    if (card.responses && card.responses.length) {
      const s = section(doc, t(`cardResponse_${respondent}`), `${uid}-responses`, 'bf-responses-section');
      const ul = el(doc, 'ul', 'bf-responses');
      for (const r of card.responses) ul.append(statement(doc, t, r));
      s.append(ul);
      first.append(s);
    } else if (!card.imported) {
      first.append(el(doc, 'p', 'bf-no-response', t(`cardNoResponse_${respondent}`)));
    }
    root.append(first);
    if (card.summary) root.append(sourceText(doc, 'p', 'bf-summary', card.summary));

    const claims = card.claims || [];
    if (claims.length) {
      const s = section(doc, t('cardReported'), `${uid}-claims`, 'bf-claims-section');
      const ul = el(doc, 'ul', 'bf-claims');
      for (const c of claims) ul.append(statement(doc, t, c));
      s.append(ul);
      root.append(s);
    } else if (card.imported) {
      root.append(el(doc, 'p', 'bf-summary', t('cardImported', [card.list])));
    }

    if (card.relations && card.relations.length) {
      const s = section(doc, t('cardRelations'), `${uid}-relations`, 'bf-relations-section');
      const ul = el(doc, 'ul', 'bf-relations');
      for (const r of card.relations) ul.append(statement(doc, t, r));
      s.append(ul);
      root.append(s);
    }

    if (card.sources && card.sources.length) {
      // Collapsed until asked: every statement above already names its source.
      const details = el(doc, 'details', 'bf-sources-box');
      details.append(el(doc, 'summary', 'bf-heading bf-sources-toggle', t('cardSources', [card.sources.length])));
      const ol = el(doc, 'ol', 'bf-sources');
      for (const src of card.sources) {
        const li = el(doc, 'li');
        li.append(sourceLine(doc, t, src));
        if (src.confidence) li.append(el(doc, 'span', 'bf-confidence', ` (${t(`cardConfidence_${src.confidence}`)})`));
        ol.append(li);
      }
      details.append(ol);
      root.append(details);
    }

    if (options.match) {
      const m = options.match;
      const why = el(doc, 'p', 'bf-why');
      // A private-use character marks where the matched text goes (browser.i18n drops NUL).
      const [before, after] = t('cardMatched', ['\uE000']).split('\uE000');
      why.append(doc.createTextNode(before ?? ''));
      why.append(el(doc, 'mark', 'bf-matched', m.text));
      why.append(doc.createTextNode(after ?? ''));
      if (m.alias && m.alias !== m.text) why.append(doc.createTextNode(` ${t('cardMatchedAs', [m.alias])}`));
      why.append(doc.createTextNode(`: ${evidenceText(m.evidence, t)}.`));
      root.append(why);
    }

    const actions = options.actions || {};
    const buttons = [];
    if (typeof actions.notThis === 'function') buttons.push([t('cardNotThis'), 'bf-not-this', actions.notThis]);
    if (typeof actions.pause === 'function') buttons.push([t('cardPause'), 'bf-pause', actions.pause]);
    if (buttons.length) {
      const bar = el(doc, 'div', 'bf-actions');
      for (const [label, cls, handler] of buttons) {
        const b = el(doc, 'button', `bf-action ${cls}`, label);
        b.type = 'button';
        b.addEventListener('click', () => handler());
        bar.append(b);
      }
      root.append(bar);
    }

    if (options.keys) root.append(el(doc, 'p', 'bf-keys', t('cardKeys')));

    const asOf = card.catalog_date ? t('cardAsOf', [card.list, card.catalog_date]) : card.list;
    const foot = [asOf, card.id].filter(Boolean).join(' · ');
    if (foot) root.append(el(doc, 'p', 'bf-footer', foot));
    return root;
  }

  /*
   * Styles for the card. Everything is scoped under .bf-card so the same text works in a closed
   * shadow root (extension) and in a normal page (website). Light by default, dark when the
   * system asks for it; the tier shows as a coloured edge.
   */
  const css = `
.bf-card {
  --bf-bg: #ffffff; --bf-fg: #1b1b1f; --bf-muted: #55575e; --bf-border: #c9cbd1;
  --bf-link: #0b57d0; --bf-accent: #b3261e; --bf-button: #eef0f4; --bf-focus: #0b57d0;
  box-sizing: border-box; max-width: 26rem; max-height: min(36rem, calc(100vh - 1rem)); overflow: auto;
  padding: 0.75rem 0.9rem; border: 1px solid var(--bf-border); border-left: 5px solid var(--bf-accent);
  border-radius: 8px; background: var(--bf-bg); color: var(--bf-fg);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.22); text-align: left; direction: ltr;
}
.bf-card *, .bf-card *::before, .bf-card *::after { box-sizing: border-box; }
.bf-card.bf-tier-formerly-designated { --bf-accent: #8a6d00; }
.bf-card.bf-tier-named-in-reporting { --bf-accent: #6b4bb8; }
.bf-card.bf-tier-affiliate { --bf-accent: #5f6368; }
@media (prefers-color-scheme: dark) {
  .bf-card {
    --bf-bg: #1f2024; --bf-fg: #e6e6ea; --bf-muted: #a9abb3; --bf-border: #45474f;
    --bf-link: #8ab4f8; --bf-accent: #f28b82; --bf-button: #2e3036; --bf-focus: #8ab4f8;
  }
  .bf-card.bf-tier-formerly-designated { --bf-accent: #fdd663; }
  .bf-card.bf-tier-named-in-reporting { --bf-accent: #c58af9; }
  .bf-card.bf-tier-affiliate { --bf-accent: #9aa0a6; }
}
.bf-header { position: relative; padding-right: 1.8rem; }
.bf-tier { margin: 0; font-size: 11px; font-weight: 600; letter-spacing: 0.03em; text-transform: uppercase; color: var(--bf-accent); }
.bf-card:lang(zh) .bf-tier { letter-spacing: 0; }
.bf-name { margin: 0.1rem 0 0; font-size: 16px; line-height: 1.3; font-weight: 700; }
.bf-name-zh { margin: 0.1rem 0 0; color: var(--bf-muted); }
.bf-close {
  position: absolute; top: -0.2rem; right: -0.3rem; width: 1.7rem; height: 1.7rem; padding: 0;
  border: 0; border-radius: 4px; background: transparent; color: var(--bf-muted); font-size: 18px; line-height: 1; cursor: pointer;
}
.bf-status { margin: 0.45rem 0 0; }
.bf-listing { margin: 0 0 0.35rem; padding-left: 0.5rem; border-left: 3px solid var(--bf-accent); }
.bf-listed { margin: 0; font-weight: 600; }
.bf-list-about, .bf-meaning { margin: 0.1rem 0 0; font-size: 12px; color: var(--bf-muted); }
.bf-summary { margin: 0.4rem 0 0; }
.bf-section { margin-top: 0.5rem; }
.bf-heading { margin: 0 0 0.2rem; font-size: 12px; font-weight: 700; color: var(--bf-muted); }
.bf-claims, .bf-responses, .bf-relations { margin: 0; padding-left: 1.1rem; }
.bf-statement { margin: 0 0 0.35rem; }
.bf-statement-text { margin: 0; overflow-wrap: anywhere; }
.bf-quote { margin: 0.2rem 0; padding-left: 0.5rem; border-left: 2px solid var(--bf-border); color: var(--bf-muted); font-style: italic; overflow-wrap: anywhere; }
.bf-date { font-size: 12px; font-weight: 600; color: var(--bf-muted); font-variant-numeric: tabular-nums; }
.bf-predates { display: inline-block; padding: 0 0.3rem; border: 1px solid var(--bf-border); border-radius: 3px; font-size: 11px; color: var(--bf-fg); }
.bf-source, .bf-confidence, .bf-no-response, .bf-footer { color: var(--bf-muted); font-size: 12px; }
.bf-no-response { margin: 0.5rem 0 0; }
.bf-source { display: block; overflow-wrap: anywhere; }
.bf-source cite { font-style: normal; }
.bf-sources-box { margin-top: 0.5rem; }
.bf-sources-toggle { cursor: pointer; margin: 0; }
.bf-sources { margin: 0.2rem 0 0; padding-left: 1.3rem; }
.bf-link { color: var(--bf-link); }
.bf-card :lang(zh), .bf-card:lang(zh) { line-break: strict; word-break: normal; }
/* English catalog text in a Chinese card: a Latin font first, or the CJK font's full-width
   quote marks and spaces land in English sentences. */
.bf-card:lang(zh) [lang="en"] { font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
.bf-why { margin: 0.6rem 0 0; padding: 0.35rem 0.5rem; border-radius: 4px; background: var(--bf-button); }
.bf-matched { background: transparent; color: inherit; font-weight: 600; }
.bf-actions { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.6rem; }
.bf-action {
  padding: 0.3rem 0.6rem; border: 1px solid var(--bf-border); border-radius: 4px;
  background: var(--bf-button); color: var(--bf-fg); font: inherit; cursor: pointer;
}
.bf-action:hover { border-color: var(--bf-fg); }
.bf-card :focus-visible { outline: 2px solid var(--bf-focus); outline-offset: 1px; }
.bf-footer { margin: 0.5rem 0 0; }
.bf-keys { margin: 0.5rem 0 0; color: var(--bf-muted); font-size: 12px; }
`;

  global.bioflagCard = Object.freeze({ render, css, evidenceText, isSafeUrl, MESSAGES, messageKey, chineseName });
})(globalThis);
