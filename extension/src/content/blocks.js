/*
 * Page text → text blocks. A block is the run of text nodes that share their nearest
 * non-inline ancestor, joined without separators, so a name split over inline markup
 * (`<b>BGI</b> Genomics`, `<span>BGI</span> <span>Group</span>`) is one string for the engine,
 * and each match maps back to DOM offsets through `starts`. Blocks break at block elements and
 * <br>. Walking is a generator so the scheduler can stop after any block (time slicing).
 *
 * Defines `globalThis.bioflagBlocks`.
 */
(function defineBlocks(global) {
  'use strict';

  /** Elements whose text is never page prose, or belongs to the user (form fields). */
  const SKIPPED = new Set([
    'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'OPTGROUP',
    'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'SVG', 'MATH',
  ]);
  /** Elements laid out inline by default: their text joins the surrounding block's text. */
  const INLINE = new Set([
    'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL',
    'KBD', 'LABEL', 'MARK', 'Q', 'RUBY', 'RT', 'RP', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB',
    'SUP', 'TIME', 'U', 'VAR', 'WBR', 'NOBR', 'TT', 'BIG', 'STRIKE',
  ]);

  /** Our own UI (the card host) is marked with this attribute and never scanned. */
  const OWN_ATTRIBUTE = 'data-bioflag-ui';

  function tagOf(el) {
    return el.tagName.toUpperCase();
  }

  /** True for elements whose subtree is not scanned at all. */
  function isSkipped(el) {
    if (SKIPPED.has(tagOf(el))) return true;
    // Our <mark> wrappers (fallback painting) hold page text: scanned like any inline element.
    const own = el.getAttribute(OWN_ATTRIBUTE);
    if ((own !== null && own !== 'mark') || el.hasAttribute('hidden')) return true;
    if (el.isContentEditable || el.getAttribute('aria-hidden') === 'true') return true;
    return false;
  }

  function isInline(el) {
    return INLINE.has(tagOf(el));
  }

  /** The nearest ancestor (or self) that is not inline: the block a node's text belongs to. */
  function blockOf(node) {
    let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
    while (el && el.nodeType === Node.ELEMENT_NODE && isInline(el) && el.parentNode) el = el.parentNode;
    return el;
  }

  /** True when `node` is inside a skipped subtree (checked when scanning a mutated part). */
  function insideSkipped(node) {
    for (let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode; el; el = el.parentNode) {
      if (el.nodeType === Node.DOCUMENT_FRAGMENT_NODE) el = el.host;
      if (!el || el.nodeType !== Node.ELEMENT_NODE) break;
      if (isSkipped(el)) return true;
    }
    return false;
  }

  /** The shadow root of `el`, open or closed (content scripts may see closed ones). */
  function shadowOf(el) {
    if (el.shadowRoot) return el.shadowRoot;
    if ('openOrClosedShadowRoot' in el) return el.openOrClosedShadowRoot; // Firefox
    const dom = global.chrome && global.chrome.dom; // Chromium
    return dom && typeof dom.openOrClosedShadowRoot === 'function' ? dom.openOrClosedShadowRoot(el) : null;
  }

  /**
   * A per-walk test "is this text node rendered?". Its parent element decides, with one style
   * query per element that directly holds text, cached: `checkVisibility` covers display:none on
   * any ancestor, content-visibility and unslotted light-DOM children of a shadow host (they
   * have no box), and with `visibilityProperty` the element's computed (inherited, overridable)
   * visibility. Text placed directly in a shadow host renders only when slotted, which takes a
   * layout query; that case is rare.
   */
  function renderedText() {
    const byParent = new Map();
    function parentRenders(el) {
      if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
      return el.getClientRects().length > 0 && el.ownerDocument.defaultView.getComputedStyle(el).visibility === 'visible';
    }
    return function rendered(node) {
      const parent = node.parentNode;
      if (!parent || parent.nodeType !== Node.ELEMENT_NODE) return true;
      let v = byParent.get(parent);
      if (v === undefined) {
        v = !parentRenders(parent) ? 'no' : shadowOf(parent) ? 'host' : 'yes';
        byParent.set(parent, v);
      }
      if (v !== 'host') return v === 'yes';
      const range = node.ownerDocument.createRange();
      range.selectNodeContents(node);
      return range.getClientRects().length > 0;
    };
  }

  /**
   * Yields blocks `{nodes: Text[], starts: number[], text: string}` under `root` (an element or a
   * shadow root), descending into open shadow roots; `onShadowRoot(root)` is told of each one so
   * it can be observed.
   */
  function* blocksIn(root, onShadowRoot) {
    const doc = root.ownerDocument || root;
    const rendered = renderedText();
    let current = null;
    let currentBlock = null;

    function* finish() {
      if (current && /\S/.test(current.text)) yield current;
      current = null;
      currentBlock = null;
    }

    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.ELEMENT_NODE && isSkipped(node)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (tagOf(node) === 'BR') yield* finish();
        if (node.shadowRoot) {
          // An open shadow root renders instead of the host's children: its own blocks.
          yield* finish();
          if (onShadowRoot) onShadowRoot(node.shadowRoot);
          yield* blocksIn(node.shadowRoot, onShadowRoot);
        }
        continue;
      }
      const block = blockOf(node);
      if (block !== currentBlock) {
        yield* finish();
        currentBlock = block;
      }
      // Hidden text (a display:none or visibility:hidden span in a visible paragraph, an
      // unslotted child of a shadow host) is left out: the rendered text joins around it.
      if (!rendered(node)) continue;
      if (!current) current = { nodes: [], starts: [], text: '' };
      current.nodes.push(node);
      current.starts.push(current.text.length);
      current.text += node.data;
    }
    yield* finish();
  }

  /** Maps a block offset to [text node, offset in it]; an end offset prefers the earlier node. */
  function locate(block, offset, isEnd) {
    const { starts, nodes } = block;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (isEnd ? starts[mid] < offset : starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [nodes[lo], offset - starts[lo]];
  }

  global.bioflagBlocks = Object.freeze({ OWN_ATTRIBUTE, blocksIn, blockOf, isInline, isSkipped, insideSkipped, locate });
})(globalThis);
