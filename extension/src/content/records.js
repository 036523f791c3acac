/*
 * The record store: the match records of one document and the bookkeeping that makes a small
 * change cost what the change is, not what the page already holds.
 *
 * - Live records are either confirmed (`records`: to be painted when the settings show them) or
 *   pending (a weak alias waiting for what the rest of the page says).
 * - byStartNode finds the records under a unit or a removed node from that subtree's own text
 *   nodes, and tells a duplicate from a new match by looking at a few records, not all.
 * - Records whose text is in a shadow tree are kept apart: a TreeWalker of the light tree
 *   misses them.
 * - Records made since the last paint, and which records are shown and how many per entity id
 *   (the badge's list without a sweep of every record).
 * - The cap on records, and the nodes the page removed since the last flush.
 *
 * It paints nothing and touches no DOM but to read it: the operations that drop records return
 * them, and the scanner unpaints them.
 *
 * Defines `globalThis.bioflagRecords`.
 */
'use strict';
(function defineRecords(global) {
  'use strict';
  /** Removed nodes remembered between flushes at most; past it every record is checked. */
  const MAX_REMOVED = 1000;
  const MAX_RECORDS = 5000;

  /** Does the record still cover text that is in the document, as long as when it was made? */
  function connected(r) {
    return r.nodes.every((p) => p.node.isConnected && p.node.length >= p.end);
  }

  /** A test: does a record's text start inside one of `roots` (walking up through shadow hosts)? */
  function isUnder(roots) {
    const set = new Set(roots);
    return (r) => {
      for (let p = r.nodes[0].node; p; p = p.parentNode || p.host) if (set.has(p)) return true;
      return false;
    };
  }

  /** A node's ancestors from the top down, through the hosts of the shadow trees it is in. */
  function composedAncestors(node) {
    const chain = [];
    for (let n = node; n; n = n.parentNode || /** @type {ShadowRoot} */ (n).host) chain.push(n);
    return chain.reverse();
  }

  /** -1 when `x` comes first in its tree, 1 when `y` does. */
  function treeOrder(x, y) {
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  /**
   * Records in document order (of their first text node, then their offset in it). Text in
   * different trees (a shadow tree and the page around it) is ordered in the first tree both are
   * in, a shadow tree's text where its host is, before the host's own children, as the walk
   * reads them: compareDocumentPosition alone gives such nodes an arbitrary order.
   */
  function byDocumentOrder(a, b) {
    const x = a.nodes[0].node;
    const y = b.nodes[0].node;
    if (x === y) return a.nodes[0].start - b.nodes[0].start;
    const pos = x.compareDocumentPosition(y);
    if (!(pos & Node.DOCUMENT_POSITION_DISCONNECTED)) return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    const ax = composedAncestors(x);
    const ay = composedAncestors(y);
    let i = 0;
    while (i < ax.length && i < ay.length && ax[i] === ay[i]) i++;
    // Both are text nodes, so neither chain ends inside the other: ax[i] and ay[i] differ.
    if (ax[i].nodeType === Node.DOCUMENT_FRAGMENT_NODE) return -1; // x is in the host's shadow tree
    if (ay[i].nodeType === Node.DOCUMENT_FRAGMENT_NODE) return 1;
    return treeOrder(ax[i], ay[i]);
  }

  function sameAs(a, b) {
    return a.entity === b.entity && a.nodes.length === b.nodes.length
      && a.nodes.every((p, i) => p.node === b.nodes[i].node && p.start === b.nodes[i].start && p.end === b.nodes[i].end);
  }

  /**
   * `doc`: the document (its root is the whole-document unit); `maxRecords`: the cap.
   * @param {{ doc: Document, maxRecords?: number, maxRemoved?: number }} options
   */
  function create({ doc, maxRecords = MAX_RECORDS, maxRemoved = MAX_REMOVED }) {
    /** @type {Set<PageRecord>} */
    const records = new Set();
    /** @type {Set<PageRecord>} */
    const pending = new Set();
    /** Live records whose text is in a shadow tree. */
    const shadowed = new Set();
    /** Records made since the last paint (takeUnpainted(false) gives only these). */
    const unpainted = new Set();
    /** Shown (painted) records, and how many per entity id. */
    const shown = new Set();
    const shownCount = new Map();
    /** Records by the text node they start in. */
    const byStartNode = new WeakMap();
    // Nodes the page removed since the last flush; removedAll: too many to remember (or our own
    // painting moved text), check every record.
    const removed = new Set();
    let removedAll = false;

    const isLive = (r) => records.has(r) || pending.has(r);

    function setShown(record, on) {
      if (on === shown.has(record)) return;
      if (on) shown.add(record);
      else shown.delete(record);
      const n = (shownCount.get(record.id) || 0) + (on ? 1 : -1);
      if (n > 0) shownCount.set(record.id, n);
      else shownCount.delete(record.id);
    }

    /** Forgets a record (the caller unpaints it). */
    function remove(record) {
      records.delete(record);
      pending.delete(record);
      shadowed.delete(record);
      unpainted.delete(record);
      setShown(record, false);
    }

    /** Removes every live record that passes `test`; returns them. */
    function dropWhere(test) {
      const dropped = [];
      for (const r of [...records, ...pending]) {
        if (!test(r)) continue;
        remove(r);
        dropped.push(r);
      }
      return dropped;
    }

    function indexStart(record) {
      const node = record.nodes[0].node;
      const list = byStartNode.get(node);
      if (!list) byStartNode.set(node, [record]);
      else if (!list.includes(record)) list.push(record);
    }

    /** True when a live record already covers what `record` covers; indexes it otherwise. */
    function known(record) {
      const node = record.nodes[0].node;
      const list = (byStartNode.get(node) || []).filter(isLive);
      byStartNode.set(node, list);
      if (list.some((r) => sameAs(r, record))) return true;
      list.push(record);
      return false;
    }

    /**
     * Keeps a new record: pending (a weak alias waiting for the page's facts) or confirmed.
     * False when a live record already covers the same text.
     */
    function add(record, { pending: isPending = false } = {}) {
      if (known(record)) return false;
      if (record.nodes[0].node.getRootNode() !== doc) shadowed.add(record);
      if (isPending) pending.add(record);
      else {
        records.add(record);
        unpainted.add(record);
      }
      return true;
    }

    /** A pending record that the page's facts now decide: confirmed, to be painted. */
    function confirm(record) {
      if (!pending.delete(record)) return false;
      records.add(record);
      unpainted.add(record);
      return true;
    }

    /**
     * Live records whose text starts inside one of `roots` (elements, shadow roots, text nodes),
     * from the roots' own text nodes; null when that walk would pass `budget` text nodes.
     */
    function under(roots, budget) {
      const found = new Set();
      const collect = (node) => {
        const list = byStartNode.get(node);
        if (list) for (const r of list) if (isLive(r)) found.add(r);
      };
      let walked = 0;
      for (const root of roots) {
        if (root.nodeType === Node.TEXT_NODE) {
          collect(root);
          continue;
        }
        if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) continue;
        const walker = (root.ownerDocument || doc).createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (++walked > budget) return null;
          collect(node);
        }
      }
      if (shadowed.size) {
        const test = isUnder(roots);
        for (const r of shadowed) if (isLive(r) && test(r)) found.add(r);
      }
      return found;
    }

    /** Text nodes worth walking before testing every record is the cheaper way. */
    function walkBudget() {
      return 256 + 4 * (records.size + pending.size);
    }

    /** The page removed `node` (records in it are dropped at the next dropRemoved). */
    function noteRemoved(node) {
      if (removedAll) return;
      if (removed.size >= maxRemoved) {
        removedAll = true;
        removed.clear();
      } else removed.add(node);
    }

    /** Text may have moved anywhere (our own painting split or merged text nodes): check all. */
    function noteMovedText() {
      removedAll = true;
      removed.clear();
    }

    /**
     * Drops the records the page took out of the document: those in the nodes it removed (the
     * text nodes it shortened are in queued units), or every record that is not connected when
     * there were too many to remember. Returns the records dropped.
     */
    function dropRemoved() {
      const roots = removedAll ? null : [...removed].filter((n) => !n.isConnected);
      removed.clear();
      removedAll = false;
      if (!records.size && !pending.size) return [];
      if (roots && !roots.length) return [];
      const candidates = roots && under(roots, walkBudget());
      if (!candidates) return dropWhere((r) => !connected(r));
      const dropped = [];
      for (const r of candidates) {
        if (connected(r)) continue;
        remove(r);
        dropped.push(r);
      }
      return dropped;
    }

    /** Drops the records under the units about to be rescanned; returns them. */
    function dropUnder(units) {
      if (!units.length || (!records.size && !pending.size)) return [];
      const whole = units.includes(doc.documentElement);
      const candidates = whole ? null : under(units, walkBudget());
      // Past the budget: one walk up from each record, not a contains() per record and unit
      // (1,000 units x 5,000 records on a busy page).
      if (!candidates) return dropWhere(whole ? () => true : isUnder(units));
      for (const r of candidates) remove(r);
      return [...candidates];
    }

    /**
     * The records to paint: every confirmed one (`all`, a change of settings) or only those made
     * since the last paint. Either way nothing is left unpainted after.
     */
    function takeUnpainted(all) {
      const list = all ? [...records] : [...unpainted].filter((r) => records.has(r));
      unpainted.clear();
      return list;
    }

    /** Forgets everything (a new page in the same document); returns the records dropped. */
    function clear() {
      const dropped = dropWhere(() => true);
      removed.clear();
      removedAll = false;
      return dropped;
    }

    return {
      add, confirm, remove, dropWhere, dropRemoved, dropUnder, under, noteRemoved, noteMovedText,
      takeUnpainted, setShown, indexStart, clear, isLive,
      /** Confirmed and pending records. */
      all: () => [...records, ...pending],
      /** Confirmed records (what is painted when the settings show it). */
      confirmed: () => [...records],
      isPending: (r) => pending.has(r),
      /** Past the cap: no new records. */
      get full() { return records.size >= maxRecords; },
      get size() { return records.size + pending.size; },
      /**
       * Ids of the shown entities, kept as records are shown and hidden: a sweep of every record
       * cost an incremental flush more than its scan.
       */
      shownIds: () => [...shownCount.keys()],
    };
  }

  global.bioflagRecords = Object.freeze({ create, connected, isUnder, byDocumentOrder, MAX_RECORDS });
})(globalThis);
