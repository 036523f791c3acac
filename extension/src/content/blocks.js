/*
 * Page text → text blocks. A block is the run of text nodes that share their nearest
 * non-inline ancestor, joined without separators, so a name split over inline markup
 * (`<b>BGI</b> Genomics`, `<span>BGI</span> <span>Group</span>`) is one string for the engine,
 * and each match maps back to DOM offsets through `starts`. Blocks break at block elements and
 * <br>. Walking is a generator so the scheduler can stop after any block (time slicing).
 *
 * Defines `globalThis.bioflagBlocks`.
 */
/**
 * A block: text nodes joined without separators; `starts[i]` is where `nodes[i]` begins in
 * `text`. A piece of a long block `own`s the matches that start in [from, to) of its text.
 * @typedef {object} Block
 * @property {Text[]} nodes
 * @property {number[]} starts
 * @property {string} text
 * @property {[number, number]} [own]
 */
'use strict';
(function defineBlocks(global) {
  'use strict';

  // Element names as `localName` gives them, in one property read: lower case for HTML elements
  // (in HTML and XHTML documents alike) and for <svg> and <math>. `tagName` is upper case only
  // in HTML documents, and upper-casing it cost 4% of a 1 MB page's scan.
  // The element model shared with the CLI and the website (data/html-elements.json, through
  // shared/constants.js): any element it does not call skipped or inline is a block.
  const { elements } = global.bioflagConstants;
  // How a closed shadow root is reached differs by browser: the platform layer knows.
  const { openOrClosedShadowRoot } = global.bioflagPlatform;
  /** Elements whose text is never page prose, or belongs to the user (form fields). */
  const SKIPPED = new Set(elements.skipped);
  /** Elements laid out inline by default: their text joins the surrounding block's text. */
  const INLINE = new Set(elements.inline);

  /** Our own UI (the card host) is marked with this attribute and never scanned. */
  const OWN_ATTRIBUTE = 'data-bioflag-ui';

  /**
   * True for elements whose subtree is not scanned at all. `designMode` is the document's, when
   * the caller already has it (the walk reads it once, not once per element).
   */
  function isSkipped(el, designMode = el.ownerDocument.designMode) {
    if (SKIPPED.has(el.localName)) return true;
    // Most elements of a page's prose carry no attribute: one call answers the four lookups below.
    if (!el.hasAttributes()) return designMode === 'on' && el.isContentEditable;
    // Our <mark> wrappers (fallback painting) hold page text: scanned like any inline element.
    const own = el.getAttribute(OWN_ATTRIBUTE);
    if ((own !== null && own !== 'mark') || el.hasAttribute('hidden')) return true;
    // isContentEditable looks up through every ancestor (5,000 of them on a deep page, for each
    // element): only asked where editing can start. The walk skips an editable element's subtree,
    // and insideSkipped() meets the attribute on the way up from anything inside it.
    if ((el.hasAttribute('contenteditable') || designMode === 'on') && el.isContentEditable) return true;
    if (el.getAttribute('aria-hidden') === 'true') return true;
    return false;
  }

  function isInline(el) {
    return INLINE.has(el.localName);
  }

  /** The nearest ancestor (or self) that is not inline: the block a node's text belongs to. */
  function blockOf(node) {
    let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
    while (el && el.nodeType === Node.ELEMENT_NODE && isInline(el) && el.parentNode) el = el.parentNode;
    return el;
  }

  /**
   * blockOf() for every text node of one walk, remembering the answer for each inline element on
   * the way up: 5,000 nested <span>s, each holding text, cost 5,000 steps instead of 12.5 million.
   */
  function blockCache() {
    const cache = new Map();
    // The last answer: consecutive text nodes mostly share their parent (no Map lookup then).
    let lastEl = null;
    let lastBlock = null;
    return {
      of(node) {
        let el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
        if (el === lastEl) return lastBlock;
        lastEl = el;
        let block = cache.get(el);
        if (block !== undefined) return (lastBlock = block);
        const path = [el];
        for (;;) {
          if (el && el.nodeType === Node.ELEMENT_NODE && isInline(el) && el.parentNode) {
            el = el.parentNode;
            block = cache.get(el);
            if (block !== undefined) break;
            path.push(el);
          } else {
            block = el;
            break;
          }
        }
        for (const p of path) cache.set(p, block);
        return (lastBlock = block);
      },
    };
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

  /**
   * Elements that may host a shadow root (attachShadow and declarative shadow DOM refuse any
   * other, except custom elements, whose names have a hyphen). Asking Chromium's chrome.dom costs
   * an extension API call per element: ~15% of a 1 MB page's scan when asked for every element.
   */
  const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'header', 'main', 'nav', 'p', 'section', 'span']);

  /** The shadow root of `el`, open or closed (content scripts may see closed ones). */
  function shadowOf(el) {
    if (el.shadowRoot) return el.shadowRoot;
    if (!SHADOW_HOSTS.has(el.localName) && !el.localName.includes('-')) return null;
    return openOrClosedShadowRoot(el);
  }

  /**
   * A per-walk test "is this text node rendered?". Its parent element decides, with one style
   * query per element that directly holds text, cached: `checkVisibility` covers display:none on
   * any ancestor, content-visibility and unslotted light-DOM children of a shadow host (they
   * have no box), and with `visibilityProperty` the element's computed (inherited, overridable)
   * visibility. Text placed directly in a shadow host renders only when slotted, which takes a
   * layout query; that case is rare. Closed shadow roots are only visible to Chromium's
   * `chrome.dom`, an extension API call per element (13% of a 1 MB page's scan when asked of
   * every element holding text): the walk asks only for open roots (and Firefox's cheap
   * `openOrClosedShadowRoot`), and the scanner asks `isUnslotted` of the text of each match.
   */
  function rendersText(el) {
    if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
    return el.getClientRects().length > 0 && el.ownerDocument.defaultView.getComputedStyle(el).visibility === 'visible';
  }

  /**
   * True for a text node placed directly in a shadow host (open or closed) and not assigned to a
   * slot: it has no box. The scanner asks it of matched text, for the closed roots the walk does
   * not look for (see rendersText).
   */
  function isUnslotted(node) {
    const parent = node.parentNode;
    return !!parent && parent.nodeType === Node.ELEMENT_NODE && !!shadowOf(parent) && !hasBox(node);
  }

  /** True when a text node has a layout box (a layout query: asked only of a shadow host's text). */
  function hasBox(node) {
    const range = node.ownerDocument.createRange();
    range.selectNodeContents(node);
    return range.getClientRects().length > 0;
  }

  /** `onHidden(el)` is told of each element whose text is left out as not rendered. */
  function renderedText(onHidden) {
    const byParent = new Map();
    return function rendered(node) {
      const parent = node.parentNode;
      if (!parent || parent.nodeType !== Node.ELEMENT_NODE) return true;
      let v = byParent.get(parent);
      if (v === undefined) {
        v = !rendersText(parent) ? 'no' : parent.shadowRoot || parent.openOrClosedShadowRoot ? 'host' : 'yes';
        byParent.set(parent, v);
        if (v === 'no' && onHidden) onHidden(parent);
      }
      return v === 'host' ? hasBox(node) : v === 'yes';
    };
  }

  /**
   * Hostile and heavy pages (a 10 MB text node, one paragraph of 200,000 spans): a block is never
   * handed out whole when it is long. It goes out in pieces of PIECE_CHARS, each with OVERLAP
   * characters of the text around it (longer than any alias, MAX_ALIAS_CHARS = 200), and each
   * piece `owns` the matches that start in its own part, so a name on a cut is found once, whole.
   * And the walk yields TICK every TICK_NODES nodes, so the scanner can pause inside a long block.
   */
  const PIECE_CHARS = 32 * 1024;
  const OVERLAP = 256;
  // Small: single DOM calls on the way can take several ms (a style query, an extension API
  // call), and the scanner can only look at the clock when the walk yields.
  const TICK_NODES = 16;
  const TICK = Object.freeze({ tick: true });
  /** Any character other than the whitespace between elements (as finish() tests a block). */
  const NON_SPACE = /\S/;

  /** The part of `block`'s text in [from, to), with the nodes it touches (a start may be < 0). */
  function slice(block, from, to) {
    const out = { nodes: [], starts: [], text: block.text.slice(from, to) };
    for (let i = 0; i < block.nodes.length; i++) {
      const start = block.starts[i];
      const end = i + 1 < block.starts.length ? block.starts[i + 1] : block.text.length;
      if (end <= from || start >= to) continue;
      out.nodes.push(block.nodes[i]);
      out.starts.push(start - from);
    }
    return out;
  }

  /** True for the second half of a surrogate pair (a cut there would split a character). */
  function isLowSurrogate(code) {
    return code >= 0xdc00 && code <= 0xdfff;
  }

  /**
   * Yields blocks `{nodes: Text[], starts: number[], text: string, own?: [from, to]}` under `root`
   * (an element or a shadow root), descending into open shadow roots; `onShadowRoot(root)` is told
   * of each one so it can be observed. `own`, on pieces of a long block only: report matches that
   * start in [from, to) of `text`. Also yields TICK now and then (see above): skip it.
   * `onHidden(el)` is told of elements whose text was left out because it is hidden (by style,
   * or by a `hidden` or `aria-hidden` attribute), so the scanner can look again if they show.
   * A `root` that hosts an open shadow root renders that first, as blocks of its own (a host the
   * page adds is a unit); `ownShadow: false` leaves it out (find.js walks it as a root apart).
   */
  function* blocksIn(root, onShadowRoot, onHidden, ownShadow = true) {
    const doc = root.ownerDocument || root;
    if (ownShadow && root.nodeType === Node.ELEMENT_NODE && root.shadowRoot) {
      if (onShadowRoot) onShadowRoot(root.shadowRoot);
      yield* blocksIn(root.shadowRoot, onShadowRoot, onHidden);
    }
    const designMode = doc.designMode;
    const rendered = renderedText(onHidden);
    let current = null;
    let currentBlock = null;
    let walked = 0;
    const blocks = blockCache();

    /** Whitespace nodes that begin the block being walked, while it holds no other text. */
    const leading = [];

    /** Adds a text node to `current`, unless it is not rendered. */
    function take(node) {
      // Hidden text (a display:none or visibility:hidden span in a visible paragraph, an
      // unslotted child of a shadow host) is left out: the rendered text joins around it.
      if (!rendered(node)) return;
      current.nodes.push(node);
      current.starts.push(current.text.length);
      current.text += node.data;
    }

    /** Ends the current block: returns it if it is worth scanning (a plain function, not a
     * generator: one fewer object per block). */
    function finish() {
      leading.length = 0;
      let done = null;
      if (current && current.from !== undefined) {
        if (current.text.length > current.from) done = Object.assign(current, { own: [current.from, current.text.length] });
      } else if (current && /\S/.test(current.text)) {
        done = current;
      }
      current = null;
      currentBlock = null;
      return done;
    }

    /** Hands out the first piece of `current` while its text runs an OVERLAP past it. */
    function* cut() {
      while (current.text.length >= (current.from || 0) + PIECE_CHARS + OVERLAP) {
        const from = current.from || 0;
        let to = from + PIECE_CHARS;
        if (isLowSurrogate(current.text.charCodeAt(to))) to++;
        yield Object.assign(slice(current, 0, to + OVERLAP), { own: [from, to] });
        current = Object.assign(slice(current, to - OVERLAP, current.text.length), { from: OVERLAP });
      }
    }

    // No NodeFilter: a filter is a call from the browser into JS for every node (400,000 on a page
    // of 200,000 spans). A skipped element's subtree is stepped over here instead, as
    // FILTER_REJECT would: on to its next sibling, or the next sibling of an ancestor.
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const pastSubtree = () => {
      for (;;) {
        const sibling = walker.nextSibling();
        if (sibling) return sibling;
        if (!walker.parentNode()) return null;
      }
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (++walked % TICK_NODES === 0) yield TICK;
      while (node && node.nodeType === Node.ELEMENT_NODE && isSkipped(node, designMode)) {
        if (onHidden && (node.hasAttribute('hidden') || node.getAttribute('aria-hidden') === 'true')) onHidden(node);
        node = pastSubtree();
      }
      if (!node) break;
      if (node.nodeType === Node.ELEMENT_NODE) {
        // A line break ends the block; so does an open shadow root, which renders instead of
        // the host's children, as blocks of its own.
        const shadow = node.shadowRoot;
        if (shadow || node.localName === elements.lineBreak) {
          const done = finish();
          if (done) yield done;
        }
        if (shadow) {
          if (onShadowRoot) onShadowRoot(shadow);
          yield* blocksIn(shadow, onShadowRoot, onHidden);
        }
        continue;
      }
      const block = blocks.of(node);
      if (block !== currentBlock) {
        const done = finish();
        if (done) yield done;
        currentBlock = block;
      }
      if (!current) {
        // Pretty-printed HTML puts a whitespace node between every two block elements: half the
        // text nodes of a page. Until a block has some other text its whitespace nodes wait here,
        // unchecked; most blocks of them end as they began (nothing to scan, no style query).
        if (!NON_SPACE.test(node.data)) {
          leading.push(node);
          continue;
        }
        current = { nodes: [], starts: [], text: '' };
        for (const ws of leading) take(ws);
        leading.length = 0;
      }
      take(node);
      if (current.text.length >= PIECE_CHARS + OVERLAP) yield* cut();
    }
    const done = finish();
    if (done) yield done;
  }

  /**
   * Maps a block offset to [text node, offset in it]; an end offset prefers the earlier node.
   * @param {Block} block
   * @param {number} offset
   * @param {boolean} isEnd
   * @returns {[Text, number]}
   */
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

  global.bioflagBlocks = Object.freeze({ OWN_ATTRIBUTE, TICK, blocksIn, rendersText, isUnslotted, blockOf, isInline, isSkipped, insideSkipped, locate });
})(globalThis);
