/*
 * Match records → painted highlights, and point → match hit-testing.
 *
 * Painting uses the CSS Custom Highlight API: one Highlight per tier (`bioflag-<tier>`, styled
 * by an adopted sheet in the document and in each shadow root), so the page DOM is never
 * touched. Where the API is missing (or a test build sets `forceMarks`), matches are wrapped in
 * <mark data-bioflag-ui="mark"> instead (content/marks.js): that changes the page's DOM, so it
 * runs inside the guard the painter's user set (setGuard), and the user never needs to know
 * which painting is in use.
 * Highlights get no events, so hit-testing maps a point to a text position
 * (caretPositionFromPoint / caretRangeFromPoint), then binary-searches the sorted match
 * intervals of that text node; `CSS.highlights.highlightsFromPoint` (where present) answers
 * "is any of ours here?" cheaply first.
 *
 * A record: {range, tier, entity, alias, evidence, text, nodes: [{node, start, end}]}.
 * Defines `globalThis.bioflagHighlight`.
 */
(function defineHighlight(global) {
  'use strict';
  const forceMarks = !!(global.bioflagBuild && global.bioflagBuild.test && global.bioflagBuild.forceMarks);
  const supported = !forceMarks && typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';

  /**
   * One background colour per tier, and nothing else: in Chromium a text-decoration on a
   * ::highlight makes the whole-document repaint that follows any highlight change about three
   * times as expensive as a background alone (bench/highlight-cost.mjs, BENCHMARKS.md), and
   * that repaint is the largest cost of a page that names people. The tiers differ by hue.
   */
  const RULES = `
::highlight(bioflag-designated) { background-color: rgba(255, 193, 7, 0.45); }
::highlight(bioflag-formerly-designated) { background-color: rgba(160, 160, 160, 0.40); }
::highlight(bioflag-named-in-reporting) { background-color: rgba(197, 138, 249, 0.35); }
::highlight(bioflag-affiliate) { background-color: rgba(120, 200, 250, 0.35); }
mark.bioflag-mark { background-color: rgba(255, 193, 7, 0.45); color: inherit; }
mark.bioflag-mark.bioflag-formerly-designated { background-color: rgba(160, 160, 160, 0.40); }
mark.bioflag-mark.bioflag-named-in-reporting { background-color: rgba(197, 138, 249, 0.35); }
mark.bioflag-mark.bioflag-affiliate { background-color: rgba(120, 200, 250, 0.35); }
`;

  function createPainter() {
    const { wrap, unwrap, order } = global.bioflagMarks;
    /** Runs each change this painter makes to the page's DOM (the fallback's); see setGuard. */
    let guard = (change) => change();
    const highlights = new Map();
    /** Every painted record, and per text node its intervals sorted by start (for hit-tests). */
    const painted = new Set();
    const byNode = new Map();
    const byRange = new Map();
    const styledRoots = new WeakSet();

    function highlightFor(tier) {
      const name = `bioflag-${tier}`;
      let h = highlights.get(tier);
      if (!h) {
        h = new Highlight();
        highlights.set(tier, h);
      }
      // The registry is shared with the page, which may have cleared it.
      if (CSS.highlights.get(name) !== h) CSS.highlights.set(name, h);
      return h;
    }

    /** Painted records per tier: what each Highlight's size must be (see verify). */
    const tierCounts = new Map();
    function countTier(tier, delta) {
      tierCounts.set(tier, (tierCounts.get(tier) || 0) + delta);
    }

    /**
     * The registry and our Highlight and Range objects are shared with the page: a page can
     * delete or replace our entries, empty our highlights, add its own ranges to them, or move
     * our ranges onto other text (painting an innocent word as "designated"). Every second while
     * anything is painted, what the page changed is put back. Per tier, every time: one registry
     * lookup, its priority and type, and its size against the count kept as records are painted
     * (an emptied, cleared, replaced or padded Highlight). Per record, VERIFY_RECORDS a tick, in
     * turn: its range against the text it matched, and that its Highlight still holds that range
     * (a range swapped for the page's own at the same size). Up to that many mentions (most
     * pages) every record is checked every second; on a page with thousands a round takes a few
     * seconds, and a tick stays well under a millisecond instead of growing with the page (it
     * ran inside incremental updates: 2-3 ms for 1,100 mentions).
     */
    const VERIFY_RECORDS = 250;
    let verifyTimer = 0;
    let verifyCursor = null;
    function verify() {
      const stale = new Set();
      for (const [tier, h] of highlights) {
        const count = tierCounts.get(tier) || 0;
        if (h.size !== count) stale.add(tier);
        if (h.priority !== 0) h.priority = 0;
        if (h.type !== 'highlight') h.type = 'highlight';
        const name = `bioflag-${tier}`;
        if (count && CSS.highlights.get(name) !== h) CSS.highlights.set(name, h);
      }
      // A live iterator: records painted or removed meanwhile are seen or skipped as they should.
      if (!verifyCursor) verifyCursor = painted.values();
      for (let i = 0; i < VERIFY_RECORDS; i++) {
        const next = verifyCursor.next();
        if (next.done) {
          verifyCursor = null;
          break;
        }
        const r = next.value;
        const first = r.nodes[0];
        const last = r.nodes[r.nodes.length - 1];
        const range = r.range;
        if (range.startContainer !== first.node || range.startOffset !== first.start || range.endContainer !== last.node || range.endOffset !== last.end) {
          try {
            range.setStart(first.node, first.start);
            range.setEnd(last.node, last.end);
          } catch (e) { /* the text changed too; the scanner drops the record */ }
        }
        if (!stale.has(r.tier) && !highlights.get(r.tier).has(range)) stale.add(r.tier);
      }
      for (const tier of stale) {
        const h = highlights.get(tier);
        h.clear();
        for (const r of painted) if (r.tier === tier) h.add(r.range);
      }
    }

    function watchRegistry() {
      if (!supported) return;
      if (painted.size && !verifyTimer) verifyTimer = setInterval(verify, 1000);
      else if (!painted.size && verifyTimer) {
        clearInterval(verifyTimer);
        verifyTimer = 0;
      }
    }

    /** ::highlight rules must be in scope in the document and inside each shadow tree. */
    function styleRoot(root) {
      // Documents get the rules from the manifest (content/highlight.css, written from RULES by
      // the build) before they first render: a sheet added now would restyle every element of
      // the page at once (900 ms on a page of 200,000 spans).
      if (root.nodeType === Node.DOCUMENT_NODE || styledRoots.has(root)) return;
      styledRoots.add(root);
      try {
        const sheet = new (root.ownerDocument || root).defaultView.CSSStyleSheet();
        sheet.replaceSync(RULES);
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      } catch (e) {
        const doc = root.ownerDocument || root;
        const style = doc.createElement('style');
        style.setAttribute('data-bioflag-ui', 'style');
        style.textContent = RULES;
        (root.head || root.documentElement || root).append(style);
      }
    }

    function index(record) {
      for (const part of record.nodes) {
        let list = byNode.get(part.node);
        if (!list) byNode.set(part.node, (list = []));
        list.push({ start: part.start, end: part.end, record });
        list.sort((a, b) => a.start - b.start);
      }
      byRange.set(record.range, record);
    }

    function unindex(record) {
      for (const part of record.nodes) {
        const list = byNode.get(part.node);
        if (!list) continue;
        const kept = list.filter((i) => i.record !== record);
        if (kept.length) byNode.set(part.node, kept);
        else byNode.delete(part.node);
      }
      byRange.delete(record.range);
    }

    /**
     * Paints `record`; false when it could not be (fallback only: its text nodes no longer hold
     * its text), in which case the caller rescans that text.
     */
    function add(record) {
      return supported ? addOne(record) : guard(() => addOne(record));
    }

    function remove(record) {
      if (supported) removeOne(record);
      else guard(() => removeOne(record));
    }

    /**
     * Paints each record of `list` that `isShown` shows and unpaints the others, in the order
     * the painting needs; returns the records it could not paint (their text changed since the
     * scan: the caller rescans it). A record's first text node may differ afterwards (the
     * fallback splits text nodes).
     */
    function paint(list, isShown) {
      const failed = [];
      const run = () => {
        for (const r of supported ? list : order(list)) {
          if (!isShown(r)) removeOne(r);
          else if (!addOne(r)) failed.push(r);
        }
      };
      if (supported) run();
      else guard(run);
      return failed;
    }

    function addOne(record) {
      if (painted.has(record)) return true;
      if (!supported && !wrap(record)) return false;
      painted.add(record);
      index(record);
      styleRoot(record.range.startContainer.getRootNode());
      if (supported) {
        highlightFor(record.tier).add(record.range);
        countTier(record.tier, 1);
      }
      watchRegistry();
      return true;
    }

    function removeOne(record) {
      if (!painted.delete(record)) return;
      unindex(record);
      if (supported) {
        highlightFor(record.tier).delete(record.range);
        countTier(record.tier, -1);
      } else unwrap(record);
      watchRegistry();
    }

    function pointInRange(range, x, y) {
      for (const r of range.getClientRects()) {
        if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
      }
      return false;
    }

    function caretAt(doc, x, y, shadowRoots) {
      if (typeof doc.caretPositionFromPoint === 'function') {
        let p;
        try {
          p = doc.caretPositionFromPoint(x, y, { shadowRoots });
        } catch (e) {
          p = doc.caretPositionFromPoint(x, y);
        }
        return p && { node: p.offsetNode, offset: p.offset };
      }
      if (typeof doc.caretRangeFromPoint === 'function') {
        const r = doc.caretRangeFromPoint(x, y);
        return r && { node: r.startContainer, offset: r.startOffset };
      }
      return null;
    }

    /** The painted record under viewport point (x, y), or null. */
    function recordAt(doc, x, y, shadowRoots = []) {
      if (!painted.size) return null;
      if (supported && typeof CSS.highlights.highlightsFromPoint === 'function') {
        const hits = CSS.highlights.highlightsFromPoint(x, y, { shadowRoots });
        const ours = hits.filter((h) => [...highlights.values()].includes(h.highlight || h));
        if (!ours.length) return null;
        for (const hit of ours) {
          for (const range of hit.ranges || []) {
            const record = byRange.get(range);
            if (record) return record;
          }
        }
      }
      const caret = caretAt(doc, x, y, shadowRoots);
      if (!caret || !caret.node) return null;
      const list = byNode.get(caret.node);
      if (!list) return null;
      // Binary search: the last interval starting at or before the caret offset.
      let lo = 0;
      let hi = list.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].start <= caret.offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      for (let i = found; i >= 0 && i >= found - 1; i--) {
        const item = list[i];
        if (caret.offset <= item.end && pointInRange(item.record.range, x, y)) return item.record;
      }
      return null;
    }

    function clear() {
      for (const record of [...painted]) remove(record);
    }

    /**
     * `fn(change)` runs `change` (a change of the page's DOM that is ours) and returns what it
     * returns: the scanner's, which tells these mutations from the page's own.
     */
    function setGuard(fn) {
      guard = fn;
    }

    return { add, remove, paint, clear, recordAt, setGuard, painted, get size() { return painted.size; } };
  }

  global.bioflagHighlight = Object.freeze({ supported, createPainter, RULES });
})(globalThis);
