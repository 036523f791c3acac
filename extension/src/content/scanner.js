/*
 * The page scanner: keeps the match records of one document in step with the DOM, by wiring
 * the pieces that each do one part of it:
 *
 *   MutationObserver ──(units only)──► scheduler (scheduler.js) ──(flush, time-sliced)──►
 *   blocks (find.js) ──► engine client ──► record store (records.js) ──► painter (highlight.js)
 *                 reveal watcher (reveal.js) ──(hidden text shown now)──┘
 *
 * - The observer callback only queues the smallest element whose text changed (a "unit").
 * - A flush drops the records under each unit and rescans just that unit; the records of
 *   removed nodes are dropped; an SPA route change (URL change) restarts the scan.
 * - Weak aliases ("BGI") are decided by the engine's rule against what the whole page says: the
 *   page's document facts (families named in full, acronyms defined as something else) live
 *   here, since engines are stateless; each batch passes them in and gets them back, and when
 *   they grow the weak records are settled again by the engine (client.resolve), so a weak
 *   match waits pending for its family's full name and is dropped where the page defines its
 *   acronym as something else, whichever batch said it.
 * - Painting is the painter's: the scanner hands it records and gives it a guard for changes it
 *   makes to the page's DOM (the <mark> fallback's), never asking which painting it uses.
 *
 * Defines `globalThis.bioflagScanner`.
 */
/**
 * A match on the page, kept by the scanner and painted by highlight.js: a MatchRecord placed in
 * the DOM, with what the card and the filters need of its entity.
 * @typedef {object} PageRecord
 * @property {Range} range
 * @property {{ node: Text, start: number, end: number }[]} nodes  the text nodes it covers, and where
 * @property {number} entity    the engine's entity index
 * @property {number} alias
 * @property {number} evidence
 * @property {number} seq       creation order
 * @property {string} id        entity id
 * @property {string} name
 * @property {string | null} [name_zh]       simplified Chinese name, for the popup
 * @property {string | null} [name_zh_hant]  traditional Chinese name
 * @property {string} tier
 * @property {string} [family]
 * @property {string} text      as the page wrote it
 * @property {string} aliasText the alias that matched
 */
'use strict';
(function defineScanner(global) {
  'use strict';
  const { blocksOf } = global.bioflagFind;
  const { blocksIn, blockOf, isInline, insideSkipped, isUnslotted, locate, OWN_ATTRIBUTE, TICK } = global.bioflagBlocks;
  const { recordFields: FIELDS, evidence: EVIDENCE, dropped: EVIDENCE_DROPPED } = global.bioflagConstants;
  const Records = global.bioflagRecords;
  const Scheduler = global.bioflagScheduler;
  const Reveal = global.bioflagReveal;
  const BATCH_CHARS = 64 * 1024;
  /**
   * In Chromium any change to the page's highlights costs a pre-paint and paint of the whole
   * document (~15 ms on a 1 MB page, ~100 ms on 10 MB, however few ranges changed): a flush paints
   * once at its end, and while a long one runs at most every PAINT_EVERY_MS (see BENCHMARKS.md).
   */
  const PAINT_EVERY_MS = 2000;
  /**
   * Text scanned exactly per flush at most (UTF-16 units; ~40 ms of engine time per million on
   * these machines, in slices): only blocks holding a candidate are (find.js), so a 10 MB page,
   * even a 10 MB text node naming somebody, is scanned whole; a hostile page that fills 32 Mi
   * characters of text with names is not. Past it the rest of the page is left unscanned and
   * `stats.capped.text` says so (the popup shows a note). Test builds may lower it (`passChars`).
   */
  const MAX_PASS_CHARS = 32 * 1024 * 1024;

  /**
   * `client`: engine client; `entities`: engine entities by index; `isShown(record)`: settings
   * filter; `onChange()`: called after each flush that changed records.
   * @param {Parameters<BioflagScanner['create']>[0]} options
   * @returns {Scanner}
   */
  function create({ doc, client, entities, painter, isShown, onChange }) {
    /** @type {Partial<BioflagBuild>} */
    const testFlags = (global.bioflagBuild && global.bioflagBuild.test && global.bioflagBuild) || {};
    const fullWalk = !!testFlags.fullWalk;
    const maxPassChars = testFlags.passChars || MAX_PASS_CHARS;
    /** What the page has said so far, as the engine's opaque document facts. */
    let facts = [];
    const aliasTexts = new Map();
    const observedRoots = new Set();
    let href = global.location.href;
    let stopped = false;
    let paintDue = false;
    let lastPaint = 0;
    let nextSeq = 0;
    let inWalkOrder = true;
    // busyMs: time spent in our own code on the page's main thread (observer callbacks and flush
    // slices, measured around each synchronous stretch), for tests and for the bound on pages
    // that never stop mutating. capped: which limit cut work short (the popup notes it).
    const stats = {
      flushes: 0, units: 0, longestSliceMs: 0, scanMs: 0, busyMs: 0, delay: Scheduler.BASE_DELAY_MS,
      // Find first: characters searched for candidates, and blocks (roots) walked exactly.
      findChars: 0, exactRoots: 0,
      capped: { text: false, mentions: false },
      /** Millions of characters scanned at most (the popup's note when capped.text). */
      passMillions: Math.round(maxPassChars / (1024 * 1024)),
    };
    const store = Records.create({ doc });
    const reveal = Reveal.create({ queue: (unit) => scheduler.queue(unit) });
    const scheduler = Scheduler.create({
      whole: () => doc.documentElement,
      flush,
      // The first flush always reports (a page with nothing flagged still gets a count of 0).
      afterFlush: (changed) => { if (changed || stats.flushes === 1) onChange(); },
      more: () => reveal.pending,
      stats,
    });
    const queue = (unit) => scheduler.queue(unit);

    const observer = new MutationObserver((mutations) => {
      const t0 = performance.now();
      onMutations(mutations);
      stats.busyMs += performance.now() - t0;
    });

    function onMutations(mutations) {
      for (const m of mutations) {
        if (isOwn(m.target)) continue;
        if (m.type === 'attributes') {
          if (!stopped && reveal.onAttributeChange(m.target)) scheduler.schedule();
          continue;
        }
        if (m.type === 'characterData') {
          queue(blockOf(m.target));
          continue;
        }
        let inlineChange = m.removedNodes.length > 0;
        for (const node of m.removedNodes) if (!isOwn(node)) store.noteRemoved(node);
        for (const node of m.addedNodes) {
          if (isOwn(node)) continue;
          if (node.nodeType === Node.ELEMENT_NODE && !isInline(node)) queue(node);
          else inlineChange = true;
        }
        if (inlineChange) queue(blockOf(m.target));
      }
    }

    /** Our UI. Our <mark> wrappers are not: they hold page text that the page may change. */
    function isOwn(node) {
      if (node.nodeType !== Node.ELEMENT_NODE) return false;
      const own = node.getAttribute(OWN_ATTRIBUTE);
      return own !== null && own !== 'mark';
    }

    /**
     * The painter's guard: runs `change`, a change the painter makes to the page's DOM. The
     * page's own pending mutations are handled first, then the records the change caused are
     * dropped, or every wrap would queue a rescan that wraps again; and since it split or merged
     * text nodes, the next flush checks every record's text (see Records.dropRemoved).
     */
    function ownChange(change) {
      onMutations(observer.takeRecords());
      try {
        return change();
      } finally {
        observer.takeRecords();
        store.noteMovedText();
      }
    }
    painter.setGuard(ownChange);

    function observe(root) {
      if (observedRoots.has(root)) return;
      observedRoots.add(root);
      observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: Reveal.VISIBILITY_ATTRIBUTES });
    }

    /** Unpaints records the store dropped; true when there were any. */
    function unpaint(dropped) {
      for (const r of dropped) painter.remove(r);
      return dropped.length > 0;
    }

    async function aliasTextOf(entity, alias) {
      const key = `${entity}:${alias}`;
      if (!aliasTexts.has(key)) aliasTexts.set(key, await client.aliasText(entity, alias));
      return aliasTexts.get(key);
    }

    /** Scans a batch of blocks and turns matches into records. */
    async function scanBatch(blocks) {
      if (!blocks.length) return false;
      const t0 = performance.now();
      const scanned = await client.scanDocument(blocks.map((b) => b.text), facts);
      const flat = scanned.matches;
      const factsGrew = scanned.facts.length !== facts.length;
      facts = scanned.facts;
      stats.scanMs += performance.now() - t0;
      let changed = false;
      for (let i = 0; i + FIELDS <= flat.length; i += FIELDS) {
        if (store.full) {
          stats.capped.mentions = true;
          break;
        }
        const [segment, start, end, entity, alias, evidence] = Array.prototype.slice.call(flat, i, i + FIELDS);
        const block = blocks[segment];
        // A piece of a long block reports only the matches that start in its own part.
        if (block.own && (start < block.own[0] || start >= block.own[1])) continue;
        const [startNode, startOffset] = locate(block, start, false);
        const [endNode, endOffset] = locate(block, end, true);
        if (!startNode.isConnected || !endNode.isConnected) continue;
        const first = block.nodes.indexOf(startNode);
        const last = block.nodes.indexOf(endNode);
        const nodes = [];
        for (let n = first; n <= last; n++) {
          const node = block.nodes[n];
          nodes.push({ node, start: n === first ? startOffset : 0, end: n === last ? endOffset : node.length });
        }
        // Text in a closed shadow root's host that no slot shows: only checked here, per match.
        if (nodes.some(({ node }) => isUnslotted(node))) continue;
        let range;
        try {
          range = (startNode.ownerDocument || doc).createRange();
          range.setStart(startNode, startOffset);
          range.setEnd(endNode, endOffset);
        } catch (e) {
          continue; // the text changed while the engine was busy; its unit is queued again
        }
        const info = entities[entity];
        const record = {
          range, nodes, entity, alias, evidence, seq: nextSeq++,
          id: info.id, name: info.name, name_zh: info.name_zh, name_zh_hant: info.name_zh_hant, tier: info.tier, family: info.family,
          text: block.text.slice(start, end),
          aliasText: await aliasTextOf(entity, alias),
        };
        const isPending = evidence === EVIDENCE.pending;
        if (store.add(record, { pending: isPending }) && !isPending) changed = true;
      }
      // The page said more: earlier weak records settled again by the engine's rule.
      if (factsGrew) changed = (await settleWeak()) || changed;
      if (changed) paintDue = true;
      if (paintDue && performance.now() - lastPaint >= PAINT_EVERY_MS) paint(false);
      return changed;
    }

    /** Settles every weak record (pending or shown) against the page's facts now. */
    async function settleWeak() {
      const weak = store.all().filter((r) => r.evidence !== EVIDENCE.strong);
      if (!weak.length) return false;
      const verdicts = await client.resolve(facts, weak.flatMap((r) => [r.entity, r.alias, r.evidence]));
      let changed = false;
      weak.forEach((r, i) => {
        const evidence = verdicts[i];
        if (evidence === EVIDENCE_DROPPED) {
          store.remove(r);
          painter.remove(r);
          changed = true;
        } else if (evidence !== EVIDENCE.pending && store.isPending(r)) {
          r.evidence = evidence;
          store.confirm(r);
          changed = true;
        }
      });
      return changed;
    }

    /**
     * Paints what should show. `all`: every record, for a change of settings (tiers, exceptions);
     * otherwise only the records made since the last paint, so an update of a few paragraphs does
     * not visit the thousands of records already painted (records dropped are unpainted as they
     * go).
     */
    function paint(all = true) {
      paintDue = false;
      lastPaint = performance.now();
      const list = store.takeUnpainted(all);
      const failed = new Set(painter.paint(list, isShown));
      for (const r of list) {
        if (failed.has(r)) {
          // Its text changed since the scan: scan that text again.
          store.remove(r);
          queue(blockOf(r.nodes[0].node));
          continue;
        }
        const shown = painter.painted.has(r);
        store.setShown(r, shown);
        // Painting may have moved its start into another text node (a split).
        if (shown) store.indexStart(r);
      }
    }

    /** Editable regions are never flagged: one that becomes editable loses its highlights. */
    function onFocusIn(event) {
      const target = event.target;
      if (!target || target.nodeType !== Node.ELEMENT_NODE || !target.isContentEditable) return;
      if (unpaint(store.dropWhere((r) => target.contains(r.nodes[0].node)))) onChange();
    }

    /** One flush: true when the records changed. */
    async function flush() {
      let changed = false;
      if (global.location.href !== href) {
        href = global.location.href;
        restartState();
      }
      const slice = Scheduler.slices(stats);
      lastPaint = slice.start;
      changed = unpaint(store.dropRemoved()) || changed;
      reveal.look();
      const units = scheduler.takeUnits();
      scheduler.account();
      stats.flushes++;
      stats.units += units.length;
      // Records under a unit go before it is rescanned.
      changed = unpaint(store.dropUnder(units)) || changed;
      // Records are made in walk order: in document order when one unit is scanned from nothing
      // (the first scan, a full rescan), not when a part is rescanned among records kept.
      if (units.length) inWalkOrder = units.length === 1 && store.size === 0;
      let passChars = 0;
      units: for (const unit of units) {
        if (unit.nodeType === Node.ELEMENT_NODE && insideSkipped(unit)) continue;
        let batch = [];
        let chars = 0;
        for (const item of blocksOfUnit(unit)) {
          if (item !== TICK) {
            const block = /** @type {Block} */ (item);
            if (passChars >= maxPassChars) {
              stats.capped.text = true;
              changed = (await scanBatch(batch)) || changed;
              break units;
            }
            batch.push(block);
            chars += block.text.length;
            passChars += block.own ? block.own[1] - block.own[0] : block.text.length;
          }
          // The clock is read at the walk's ticks only (every few nodes): once per block as
          // well, it was 3% of a 1 MB page's scan.
          if (chars >= BATCH_CHARS || (item === TICK && slice.due())) {
            changed = (await scanBatch(batch)) || changed;
            batch = [];
            chars = 0;
            await slice.next();
            if (stopped) return changed;
          }
        }
        changed = (await scanBatch(batch)) || changed;
        // Back to the page between units only once the slice is used up: an update of a few
        // paragraphs is then one task that scans, paints and reports (each task the flush
        // splits into costs the main thread a dispatch and the script's re-entry).
        if (slice.due()) {
          await slice.next();
          if (stopped) return changed;
        }
      }
      if (paintDue) paint(false);
      slice.end();
      return changed;
    }

    /**
     * The blocks of a unit (the whole document, or a part the page changed: an added subtree,
     * an edited block, a revealed one): found first (find.js: its text searched for candidates,
     * only the blocks holding one walked exactly), or, with the test builds' `fullWalk` flag,
     * every block walked (the tests compare both).
     */
    function blocksOfUnit(unit) {
      if (fullWalk) return blocksIn(unit, observe, reveal.onHidden);
      return blocksOf(unit, client.candidates, observe, reveal.onHidden, stats);
    }

    function restartState() {
      unpaint(store.clear());
      facts = [];
      reveal.clear();
      scheduler.restart();
    }

    function onNavigation() {
      if (global.location.href === href) return;
      queue(doc.documentElement);
    }

    function start() {
      observe(doc.documentElement);
      doc.addEventListener('focusin', onFocusIn, true);
      global.addEventListener('popstate', onNavigation);
      global.addEventListener('hashchange', onNavigation);
      queue(doc.documentElement);
    }

    function stop() {
      stopped = true;
      scheduler.stop();
      observer.disconnect();
      observedRoots.clear();
      doc.removeEventListener('focusin', onFocusIn, true);
      global.removeEventListener('popstate', onNavigation);
      global.removeEventListener('hashchange', onNavigation);
      unpaint(store.clear());
    }

    /**
     * Shown records in document order (for the popup and "next mention"). By creation order while
     * that is document order (see inWalkOrder): compareDocumentPosition costs ~1.6 µs a call, so
     * sorting 5,000 mentions by it took a 110 ms task each time the popup opened.
     */
    function mentions() {
      const list = store.confirmed().filter((r) => isShown(r) && Records.connected(r));
      return inWalkOrder ? list.sort((a, b) => a.seq - b.seq) : list.sort(Records.byDocumentOrder);
    }

    /**
     * Ids of the shown entities (for the badge, after every flush), kept as records are shown and
     * hidden, with no sorting, which costs compareDocumentPosition calls that are slow on long
     * pages (~0.5 s for 3,000 records on 10 MB). Records of removed text count until the next
     * flush, which the removal queues, drops them.
     */
    function shownIds() {
      return store.shownIds();
    }

    return {
      start, stop, paint, mentions, shownIds, stats,
      shadowRoots: () => [...observedRoots].filter((r) => r instanceof ShadowRoot),
      get idle() { return scheduler.idle; },
    };
  }

  global.bioflagScanner = Object.freeze({ create });
})(globalThis);
