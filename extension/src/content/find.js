/*
 * Find first, check later: the blocks of a subtree that can hold a name, without the exact walk
 * of everything else.
 *
 *   text nodes' lengths (one TreeWalker, no text read) ─► chunks of CHUNK_CHARS ─► each chunk's
 *   text by native concatenation (Range.toString) ─► raw candidates (search: the engine's
 *   prefilter fingerprints, a superset of where any alias can match) ─► the block element of
 *   each candidate's text node ─► blocksIn() (the exact walk: visibility, editability, skipped
 *   elements, the full rule set) of those blocks only.
 *
 * Why the result equals the exact walk of the whole subtree: a block's text is the run of text
 * nodes that share their nearest non-inline ancestor B, so no run crosses B's boundary and
 * blocksIn(B) yields the blocks the whole walk yields inside B; and a match lies inside one block,
 * so its fingerprint (3–8 letters inside one of its words, or its first CJK character, or a
 * character folding changes) is in the concatenated text at a text node of that block. Text in
 * scripts, styles, hidden or editable elements only adds candidates that the exact walk rejects.
 * The one case this does not see: a fingerprint whose letters are split by skipped or hidden
 * content inside a word ("Wu<script>…</script>Xi"), which the exact walk joins.
 *
 * Open shadow roots (not in their host's textContent) are found on the same walk (one property
 * read per element) and searched the same way, in document order: at their host, as the exact
 * walk visits them. Each is told to `onShadowRoot` (the scanner observes it), candidate or not.
 *
 * Defines `globalThis.bioflagFind`.
 */
(function defineFind(global) {
  'use strict';
  const { blocksIn, blockOf, insideSkipped, TICK } = global.bioflagBlocks;

  /** Text searched per native concatenation and engine call (UTF-16 units). */
  const CHUNK_CHARS = 256 * 1024;
  /**
   * Text searched per flush at most: far above real pages (a 10 MB page is 10 Mi characters; a
   * chunk costs ~1 ms per 100 K characters here), a bound for hostile ones.
   */
  const MAX_FIND_CHARS = 64 * 1024 * 1024;
  /** Characters of a chunk's end searched again with the next (longer than any fingerprint). */
  const OVERLAP = 16;
  /** Nodes stepped between TICKs (the scanner looks at the clock there). */
  const TICK_NODES = 512;

  /**
   * Exact roots under `root` (an element or a shadow root) in document order: the block elements
   * (or shadow roots) whose text holds a candidate. `search(text)` returns ascending offsets, or
   * null for "anywhere" (then `root` itself is walked). Yields TICK now and then; returns the list
   * (a generator's return value, see blocksOf).
   */
  function* exactRoots(root, search, onShadowRoot, stats) {
    const out = [];
    const doc = root.ownerDocument || root;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let nodes = [];
    let starts = [];
    let total = 0;
    let steps = 0;
    let anywhere = false;
    let lastBlock = null;
    let lastParent = null;

    // The last characters of the chunk before (a fingerprint may run across a chunk's end):
    // searched again at the start of the next, where a candidate counts for its first node.
    let carry = '';

    function add(block) {
      if (block && block !== lastBlock) {
        out.push(block);
        lastBlock = block;
      }
    }

    function searchChunk() {
      if (!nodes.length || anywhere) return;
      const range = doc.createRange();
      range.setStart(nodes[0], 0);
      const last = nodes[nodes.length - 1];
      range.setEnd(last, last.length);
      const own = range.toString();
      if (stats) stats.findChars += own.length;
      // The concatenation is the chunk's text nodes back to back; anything else (a node changed
      // meanwhile, an XML document's CDATA) means this chunk is walked whole.
      const offsets = own.length === total ? search(carry + own) : null;
      if (!offsets) {
        anywhere = true;
        return;
      }
      const shift = carry.length;
      carry = own.slice(-OVERLAP);
      let i = 0;
      for (const found of offsets) {
        const off = Math.max(0, found - shift);
        // The last node that starts at or before `off` holds it (nodes before it end there).
        while (i + 1 < nodes.length && starts[i + 1] <= off) i++;
        const node = nodes[i];
        if (node.parentNode === lastParent) continue;
        lastParent = node.parentNode;
        add(blockOf(node));
      }
      nodes = [];
      starts = [];
      total = 0;
    }

    /**
     * A text node longer than a chunk (a 10 MB one): searched in pieces from its own data, with
     * a TICK between them, until one holds a candidate (its block is then walked anyway).
     */
    function* searchLong(node) {
      searchChunk();
      carry = '';
      const data = node.data;
      for (let at = 0; at < data.length && !anywhere; at += CHUNK_CHARS) {
        if (at) yield TICK;
        const piece = data.slice(at, at + CHUNK_CHARS + OVERLAP);
        if (stats) stats.findChars += Math.min(CHUNK_CHARS, data.length - at);
        const offsets = search(piece);
        if (!offsets || offsets.length) {
          add(blockOf(node));
          lastParent = node.parentNode;
          return;
        }
      }
      carry = data.slice(-OVERLAP);
    }

    function* shadow(host) {
      const sr = host.shadowRoot;
      if (!sr) return;
      searchChunk();
      carry = '';
      if (onShadowRoot) onShadowRoot(sr);
      const inner = yield* exactRoots(sr, search, onShadowRoot, stats);
      if (inner === null) out.push(sr);
      else out.push(...inner);
      lastBlock = null;
      lastParent = null;
    }

    if (root.nodeType === Node.ELEMENT_NODE) yield* shadow(root);
    for (let node = walker.nextNode(); node && !anywhere; node = walker.nextNode()) {
      if (++steps % TICK_NODES === 0) {
        yield TICK;
        if (stats && stats.findChars > MAX_FIND_CHARS) {
          // A hostile page: the rest is left unsearched, and the popup says so.
          stats.capped.text = true;
          break;
        }
      }
      if (node.nodeType === Node.TEXT_NODE) {
        const length = node.length;
        if (!length) continue;
        if (length > CHUNK_CHARS) {
          yield* searchLong(node);
          continue;
        }
        nodes.push(node);
        starts.push(total);
        total += length;
        if (total >= CHUNK_CHARS) searchChunk();
      } else if (node.shadowRoot) {
        yield* shadow(node);
      }
    }
    searchChunk();
    return anywhere ? null : out;
  }

  /**
   * True when `root` is inside a root already in `set` whose exact walk covers it: blocksIn()
   * enters the shadow roots of the hosts it visits, not the root's own.
   */
  function coveredBy(root, set) {
    let viaHost = false;
    let p = root.parentNode;
    if (!p && root.host) {
      p = root.host;
      viaHost = true;
    }
    while (p) {
      if (!viaHost && set.has(p)) return true;
      viaHost = !p.parentNode && !!p.host;
      p = p.parentNode || p.host;
    }
    return false;
  }

  /** Skipped (a script, a form field, an editable region, hidden by attribute) or inside one. */
  function skipped(root) {
    const el = root.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? root.host : root;
    return !!el && el.nodeType === Node.ELEMENT_NODE && insideSkipped(el);
  }

  /**
   * blocksIn(root) for the parts of `root` that can hold a name: the same blocks (with TICKs),
   * found first. `stats.findChars` (if given) adds the characters searched, and
   * `stats.capped.text` is set when MAX_FIND_CHARS cut the search short.
   */
  function* blocksOf(root, search, onShadowRoot, onHidden, stats) {
    const roots = yield* exactRoots(root, search, onShadowRoot, stats);
    if (roots === null) {
      yield* blocksIn(root, onShadowRoot, onHidden);
      return;
    }
    const set = new Set(roots);
    const done = new Set();
    for (const r of roots) {
      if (done.has(r) || coveredBy(r, set) || skipped(r)) continue;
      done.add(r);
      if (stats) stats.exactRoots++;
      yield* blocksIn(r, onShadowRoot, onHidden, false);
    }
  }

  global.bioflagFind = Object.freeze({ blocksOf, exactRoots, CHUNK_CHARS });
})(globalThis);
