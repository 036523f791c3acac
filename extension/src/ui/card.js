/*
 * The bioflag context card: one implementation shared by the extension and the website.
 *
 * It is a CLASSIC script (no import/export) that defines `globalThis.bioflagCard`, because
 * content scripts cannot be ES modules while pages can load a classic script either way:
 *
 *   - extension content script: listed in manifest `content_scripts[].js` before the scripts that
 *     use it; they call `bioflagCard.render(...)` and put the result plus a <style> holding
 *     `bioflagCard.css` into a closed shadow root.
 *   - website (www/) or any plain page:
 *       <script src="card.js"></script>                      (classic), or
 *       import './card.js'; const { render, css } = globalThis.bioflagCard;   (ES module)
 *     then add `css` once (a <style> or adoptedStyleSheets) and append `render(data, opts)`.
 *
 * It uses no extension API and never innerHTML: every piece of catalog text goes into a text
 * node, and only `https:` URLs become links (new tab, rel="noopener noreferrer").
 *
 *   render(card, {
 *     match:   {text, alias, evidence},   // optional: what matched on the page, and why
 *     actions: {notThis, pause},          // optional handlers; a button is shown for each one given
 *     onClose,                            // optional: shows a close button
 *     document,                           // optional: the Document to create nodes in
 *   }) -> HTMLElement (class "bf-card")
 *
 * `card` is the object returned by the engine's `card(entity)` (see src/wasm.rs / src/card.rs).
 */
(function defineBioflagCard(global) {
  'use strict';

  /** Claims shown at most; the catalog keeps them ordered by relevance. */
  const MAX_CLAIMS = 4;

  /** Why a match was flagged, per evidence code of `Engine.scan`. */
  const EVIDENCE_TEXT = [
    'the name matched a known name of this entity',
    'a short name, confirmed by a nearby word (such as “genomics” or “sequencing”)',
    'a short name, confirmed because the same passage names the company in full',
    'a short name, confirmed because this page names the company in full elsewhere',
    'a short name, not yet confirmed by the page',
  ];

  let idCounter = 0;

  function evidenceText(code) {
    return EVIDENCE_TEXT[code] ?? EVIDENCE_TEXT[0];
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

  /** "Title — Publisher, 2023-12-14", the title a link when the source has an https URL. */
  function sourceLine(doc, source, date) {
    const line = el(doc, 'span', 'bf-source');
    if (!source) return line;
    if (isSafeUrl(source.url)) {
      const a = el(doc, 'a', 'bf-link', source.title);
      a.href = source.url;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      line.append(a);
    } else {
      line.append(el(doc, 'cite', null, source.title));
    }
    const details = [source.publisher, date || source.date].filter(Boolean).join(', ');
    if (details) line.append(doc.createTextNode(` — ${details}`));
    return line;
  }

  /** A reported claim or a response: its text, an optional quote, and its source. */
  function statement(doc, item) {
    const li = el(doc, 'li', 'bf-statement');
    li.append(el(doc, 'p', 'bf-statement-text', item.text));
    if (item.quote) li.append(el(doc, 'blockquote', 'bf-quote', item.quote));
    li.append(sourceLine(doc, item.source, item.date));
    return li;
  }

  function section(doc, title, headingId) {
    const s = el(doc, 'section', 'bf-section');
    const h = el(doc, 'h3', 'bf-heading', title);
    h.id = headingId;
    s.setAttribute('aria-labelledby', headingId);
    s.append(h);
    return s;
  }

  function render(card, options = {}) {
    const doc = options.document || global.document;
    const uid = `bf-card-${++idCounter}`;
    const root = el(doc, 'div', `bf-card bf-tier-${card.tier || 'unknown'}`);
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-labelledby', `${uid}-name`);
    root.dataset.entity = card.id || '';

    // Header: tier label, names, parent, close.
    const header = el(doc, 'div', 'bf-header');
    header.append(el(doc, 'p', 'bf-tier', card.tier_label || card.tier || ''));
    const name = el(doc, 'h2', 'bf-name', card.name);
    name.id = `${uid}-name`;
    header.append(name);
    if (card.name_zh) {
      const zh = el(doc, 'p', 'bf-name-zh', card.name_zh);
      zh.lang = 'zh';
      header.append(zh);
    }
    if (typeof options.onClose === 'function') {
      const close = el(doc, 'button', 'bf-close', '×');
      close.type = 'button';
      close.setAttribute('aria-label', 'Close');
      close.addEventListener('click', () => options.onClose());
      header.append(close);
    }
    root.append(header);

    if (card.summary) root.append(el(doc, 'p', 'bf-summary', card.summary));

    if (card.listings && card.listings.length) {
      const ul = el(doc, 'ul', 'bf-status');
      ul.setAttribute('aria-label', 'Status');
      for (const l of card.listings) ul.append(el(doc, 'li', null, l.text));
      root.append(ul);
    }

    const claims = (card.claims || []).slice(0, MAX_CLAIMS);
    if (claims.length) {
      const s = section(doc, 'What has been reported', `${uid}-claims`);
      const ul = el(doc, 'ul', 'bf-claims');
      for (const c of claims) ul.append(statement(doc, c));
      s.append(ul);
      root.append(s);
    } else if (card.imported) {
      root.append(el(doc, 'p', 'bf-summary', `Listed on “${card.list}”, a list you imported; it carries no reporting.`));
    }

    if (card.responses && card.responses.length) {
      const s = section(doc, 'The company’s response', `${uid}-responses`);
      const ul = el(doc, 'ul', 'bf-responses');
      for (const r of card.responses) ul.append(statement(doc, r));
      s.append(ul);
      root.append(s);
    } else if (claims.length) {
      root.append(el(doc, 'p', 'bf-no-response', 'No response from the company is on record here.'));
    }

    if (card.sources && card.sources.length) {
      const s = section(doc, 'Sources', `${uid}-sources`);
      const ol = el(doc, 'ol', 'bf-sources');
      for (const src of card.sources) {
        const li = el(doc, 'li');
        li.append(sourceLine(doc, src));
        if (src.confidence) li.append(el(doc, 'span', 'bf-confidence', ` (${src.confidence})`));
        ol.append(li);
      }
      s.append(ol);
      root.append(s);
    }

    if (options.match) {
      const m = options.match;
      const why = el(doc, 'p', 'bf-why');
      why.append(doc.createTextNode('Matched “'));
      why.append(el(doc, 'mark', 'bf-matched', m.text));
      why.append(doc.createTextNode('”'));
      if (m.alias && m.alias !== m.text) why.append(doc.createTextNode(` as “${m.alias}”`));
      why.append(doc.createTextNode(`: ${evidenceText(m.evidence)}.`));
      root.append(why);
    }

    const actions = options.actions || {};
    const buttons = [];
    if (typeof actions.notThis === 'function') buttons.push(['Not this entity here', 'bf-not-this', actions.notThis]);
    if (typeof actions.pause === 'function') buttons.push(['Pause on this site', 'bf-pause', actions.pause]);
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

    const foot = [card.list, card.id].filter(Boolean).join(' · ');
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
  box-sizing: border-box; max-width: 26rem; max-height: min(32rem, 80vh); overflow: auto;
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
.bf-name { margin: 0.1rem 0 0; font-size: 16px; line-height: 1.3; font-weight: 700; }
.bf-name-zh, .bf-parent { margin: 0.1rem 0 0; color: var(--bf-muted); }
.bf-close {
  position: absolute; top: -0.2rem; right: -0.3rem; width: 1.7rem; height: 1.7rem; padding: 0;
  border: 0; border-radius: 4px; background: transparent; color: var(--bf-muted); font-size: 18px; line-height: 1; cursor: pointer;
}
.bf-summary { margin: 0.5rem 0 0; }
.bf-status { margin: 0.5rem 0 0; padding: 0; list-style: none; }
.bf-status li { display: inline-block; margin: 0 0.3rem 0.3rem 0; padding: 0.05rem 0.45rem; border: 1px solid var(--bf-accent); border-radius: 999px; font-size: 12px; }
.bf-section { margin-top: 0.6rem; }
.bf-heading { margin: 0 0 0.2rem; font-size: 12px; font-weight: 700; color: var(--bf-muted); }
.bf-claims, .bf-responses { margin: 0; padding-left: 1.1rem; }
.bf-statement { margin: 0 0 0.4rem; }
.bf-statement-text { margin: 0; }
.bf-quote { margin: 0.2rem 0; padding-left: 0.5rem; border-left: 2px solid var(--bf-border); color: var(--bf-muted); font-style: italic; }
.bf-source, .bf-confidence, .bf-no-response, .bf-footer { color: var(--bf-muted); font-size: 12px; }
.bf-source cite { font-style: normal; }
.bf-sources { margin: 0; padding-left: 1.3rem; }
.bf-link { color: var(--bf-link); }
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
`;

  global.bioflagCard = Object.freeze({ render, css, evidenceText, isSafeUrl, MAX_CLAIMS });
})(globalThis);
