// Turns pasted or dropped input into blocks of visible text, the way the extension and the CLI
// see a page: inline elements joined, block elements and <br> ending a block, the content of
// skipped elements (script, style, template, form fields, ...) never shown.
//
// Safety: HTML is parsed with DOMParser into an inert document (no scripts run, no resources
// load, no event handlers fire) and only its text is read. No pasted markup is ever inserted into
// the live page; the playground renders its own copy of the text with text nodes.

// Which elements are skipped, inline or blocks: the element model shared with the CLI and the
// extension (data/html-elements.json, through the engine's constants).
import './constants.js';

const ELEMENTS = globalThis.bioflagConstants.elements;
const SKIPPED = new Set(ELEMENTS.skipped);
const INLINE = new Set(ELEMENTS.inline);

/** HTML collapses these (and only these: NBSP is not white space to HTML, nor to the engine's
 * word boundaries, so it is kept as is and folded by the engine). */
const HTML_SPACE = /[ \t\n\r\f]+/g;

/** A rough test for "this paste is markup": a tag, a comment or a doctype. */
export function looksLikeHtml(text) {
  return /<(?:\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?\/?>|!--|!doctype)/i.test(text);
}

/** A start tag with its attributes (quoted values may contain '>'). */
const START_TAG = /<([a-zA-Z][^\s/<>]*)(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;

/**
 * Drops what can never be visible text before parsing: attributes and <style> elements.
 * Not for safety (the parsed document is inert, and the site's CSP blocks inline code anyway)
 * but because Chromium applies the page's CSP to DOMParser documents too, and logs every inline
 * `on…=` handler, `style=` attribute and <style> element of pasted HTML as a blocked violation.
 * A tag this misses is still parsed inertly; at worst the console notes a blocked violation.
 */
function withoutAttributesAndStyles(html) {
  // <style> elements by search rather than a lazy regex, which is quadratic on unclosed ones.
  const lower = html.toLowerCase();
  let out = '';
  let at = 0;
  for (;;) {
    const open = lower.indexOf('<style', at);
    if (open < 0 || !/[\s>/]/.test(lower[open + 6] || '')) {
      if (open < 0) break;
      out += html.slice(at, open + 6);
      at = open + 6;
      continue;
    }
    const close = lower.indexOf('</style', open);
    if (close < 0) break;
    const end = lower.indexOf('>', close);
    out += html.slice(at, open);
    at = end < 0 ? html.length : end + 1;
  }
  out += html.slice(at);
  return out.replace(START_TAG, '<$1>');
}

/**
 * Visible text blocks of an HTML string, as the extension reads a page (content/blocks.js): a
 * text node belongs to its nearest ancestor that is not inline, consecutive text nodes of the
 * same one are one block, and a line break ends a block.
 */
export function htmlToBlocks(html) {
  const doc = new DOMParser().parseFromString(withoutAttributesAndStyles(html), 'text/html');
  const blocks = [];
  let current = '';
  let currentBlock = null;
  const finish = () => {
    const text = current.replace(HTML_SPACE, ' ').trim();
    if (text) blocks.push(text);
    current = '';
    currentBlock = null;
  };
  // An explicit stack rather than recursion: pasted pages can nest deeply. `block`: the nearest
  // non-inline ancestor of `node`'s children.
  /** @type {{ node: Node, block: Node }[]} */
  const stack = [{ node: doc.documentElement, block: doc.documentElement }];
  while (stack.length) {
    const { node, block } = stack.pop();
    if (node.nodeType === Node.TEXT_NODE) {
      if (block !== currentBlock) {
        finish();
        currentBlock = block;
      }
      current += /** @type {Text} */ (node).data;
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue; // comments, processing instructions
    const name = /** @type {Element} */ (node).localName;
    if (SKIPPED.has(name)) continue;
    if (name === ELEMENTS.lineBreak) finish();
    const inner = INLINE.has(name) ? block : node;
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push({ node: child, block: inner });
  }
  finish();
  return blocks;
}

/** Paragraphs (separated by blank lines) of plain text; line breaks inside are kept. */
export function textToBlocks(text) {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\s+$/g, ''))
    .filter((p) => p.trim());
}

/** Blocks of `input`, HTML when `kind` is 'html' (or 'auto' and it looks like markup). */
export function inputToBlocks(input, kind = 'auto') {
  const isHtml = kind === 'html' || (kind === 'auto' && looksLikeHtml(input));
  return { kind: isHtml ? 'html' : 'text', blocks: isHtml ? htmlToBlocks(input) : textToBlocks(input) };
}
