/*
 * The page scanner: owns the match records of one document and keeps them in step with the DOM.
 *
 *   MutationObserver ──(queue units only)──► dirty set ──(flush, time-sliced)──► blocks ──►
 *   engine client ──► records ──► painter (highlights)
 *
 * - The observer callback only queues the smallest element whose text changed (a "unit").
 * - A flush drops records under each unit and rescans just that unit, in slices of ~8 ms
 *   (so no task nears 50 ms), yielding to the page between slices.
 * - Records of removed nodes are dropped; an SPA route change (URL change) restarts the scan.
 * - What a small change costs follows the change, not the records already on the page: the
 *   records under a unit or a removed node are found from its own text nodes (byStartNode), only
 *   records made since the last paint are painted, and the badge's entities are counted as
 *   records are shown and hidden (see recordsUnder, paint, shownIds).
 * - Pages that mutate without end: the flush delay doubles (up to 8 s) while flushes keep coming
 *   (>20 per 5 s), a flood of units collapses into one full rescan; the number of records is capped.
 * - Weak aliases ("BGI") are decided by the engine's rule against what the whole page says: the
 *   page's document facts (families named in full, acronyms defined as something else) live
 *   here, since engines are stateless; each batch passes them in and gets them back, and when
 *   they grow the weak records are settled again by the engine (client.resolve), so a weak
 *   match waits pending for its family's full name and is dropped where the page defines its
 *   acronym as something else, whichever batch said it.
 * - Hidden text is not scanned (blocks.js); the elements that hid some are remembered, and when
 *   a `class`, `style`, `hidden`, `aria-hidden` or `open` attribute changes on one of them or
 *   an ancestor (a "read more", a menu, a <details>), the flush looks whether it shows now and
 *   rescans its block if so.
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
  const { blocksIn, blockOf, isInline, insideSkipped, rendersText, isUnslotted, locate, OWN_ATTRIBUTE, TICK } = global.bioflagBlocks;
  const { recordFields: FIELDS, evidence: EVIDENCE, dropped: EVIDENCE_DROPPED } = global.bioflagConstants;
  const SLICE_MS = 8;
  const BATCH_CHARS = 64 * 1024;
  const BASE_DELAY_MS = 60;
  const MAX_DELAY_MS = 8000;
  const WINDOW_MS = 5000;
  /** More flushes than this in a window means the page never settles: back off. */
  const BUSY_FLUSHES_PER_WINDOW = 20;
  const FLOOD_UNITS = 1000;
  /** Removed nodes remembered between flushes at most; past it every record is checked. */
  const MAX_REMOVED = 1000;
  const MAX_RECORDS = 5000;
  /** Hidden elements remembered at most, and contains() checks per flush at most (see reveal). */
  const MAX_HIDDEN = 5000;
  const MAX_REVEAL_CHECKS = 50000;
  /** Attributes that commonly show or hide text. */
  const VISIBILITY_ATTRIBUTES = ['class', 'style', 'hidden', 'aria-hidden', 'open'];
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

  // A function of ours, not `resolve` itself, runs the timer: a DevTools trace then shows the task
  // that resumes a flush as the extension's (bench/tasks.mjs counts them).
  const yieldToPage = () => /** @type {Promise<void>} */ (new Promise((resolve) => setTimeout(() => resolve(), 0)));

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
    const records = new Set();
    const pending = new Set();
    /** What the page has said so far, as the engine's opaque document facts. */
    let facts = [];
    const aliasTexts = new Map();
    const dirty = new Set();
    const hidden = new Set(); // elements whose text a walk left out as hidden
    const toReveal = new Set(); // elements whose visibility attributes changed since the flush
    const observedRoots = new Set();
    // Nodes the page removed since the last flush (records in them are dropped, see dropRemoved);
    // removedAll: too many to remember, check every record.
    const removed = new Set();
    let removedAll = false;
    /** Live records whose text is in a shadow tree: a TreeWalker of the light tree misses them. */
    const shadowed = new Set();
    /** Records made since the last paint (paint(false) paints only these). */
    const unpainted = new Set();
    /** Shown (painted) records, and how many per entity id: the badge's list without a sweep. */
    const shown = new Set();
    const shownCount = new Map();
    let timer = null;
    let flushing = false;
    let delay = BASE_DELAY_MS;
    let windowStart = performance.now();
    let windowFlushes = 0;
    let href = global.location.href;
    let stopped = false;
    let paintDue = false;
    let lastPaint = 0;
    // busyMs: time spent in our own code on the page's main thread (observer callbacks and flush
    // slices, measured around each synchronous stretch), for tests and for the bound on pages
    // that never stop mutating. capped: which limit cut work short (the popup notes it).
    let nextSeq = 0;
    let inWalkOrder = true;
    const stats = {
      flushes: 0, units: 0, longestSliceMs: 0, scanMs: 0, busyMs: 0, delay: BASE_DELAY_MS,
      // Find first: characters searched for candidates, and blocks (roots) walked exactly.
      findChars: 0, exactRoots: 0,
      capped: { text: false, mentions: false },
      /** Millions of characters scanned at most (the popup's note when capped.text). */
      passMillions: Math.round((testFlags.passChars || MAX_PASS_CHARS) / (1024 * 1024)),
    };
    /** Records by the text node they start in: finding a duplicate looks at a few, not all. */
    const byStartNode = new WeakMap();

    const observer = new MutationObserver((mutations) => {
      const t0 = performance.now();
      onMutations(mutations);
      stats.busyMs += performance.now() - t0;
    });

    function onMutations(mutations) {
      for (const m of mutations) {
        if (isOwn(m.target)) continue;
        if (m.type === 'attributes') {
          if (hidden.size && !stopped) {
            toReveal.add(m.target);
            schedule();
          }
          continue;
        }
        if (m.type === 'characterData') {
          queue(blockOf(m.target));
          continue;
        }
        let inlineChange = m.removedNodes.length > 0;
        for (const node of m.removedNodes) noteRemoved(node);
        for (const node of m.addedNodes) {
          if (isOwn(node)) continue;
          if (node.nodeType === Node.ELEMENT_NODE && !isInline(node)) queue(node);
          else inlineChange = true;
        }
        if (inlineChange) queue(blockOf(m.target));
      }
    }

    function noteRemoved(node) {
      if (removedAll || isOwn(node)) return;
      if (removed.size >= MAX_REMOVED) {
        removedAll = true;
        removed.clear();
      } else removed.add(node);
    }

    /** Our UI. Our <mark> wrappers are not: they hold page text that the page may change. */
    function isOwn(node) {
      if (node.nodeType !== Node.ELEMENT_NODE) return false;
      const own = node.getAttribute(OWN_ATTRIBUTE);
      return own !== null && own !== 'mark';
    }

    /**
     * Runs `change` (which paints or unpaints). The <mark> fallback mutates the page: the page's
     * own pending mutations are handled first, then the records our wrapping caused are dropped,
     * or every wrap would queue a rescan that wraps again.
     */
    function unobserved(change) {
      if (!painter.mutatesPage) return change();
      onMutations(observer.takeRecords());
      try {
        return change();
      } finally {
        observer.takeRecords();
      }
    }

    function observe(root) {
      if (observedRoots.has(root)) return;
      observedRoots.add(root);
      observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: VISIBILITY_ATTRIBUTES });
    }

    function onHidden(el) {
      if (hidden.size < MAX_HIDDEN) hidden.add(el);
    }

    /**
     * Queues the block of each remembered hidden element that a visibility attribute change may
     * have shown and that shows now. Past MAX_REVEAL_CHECKS pairs, the changed elements' own
     * blocks are rescanned instead.
     */
    function reveal() {
      if (!toReveal.size) return;
      const changed = [...toReveal].filter((el) => el.isConnected);
      toReveal.clear();
      if (changed.length * hidden.size > MAX_REVEAL_CHECKS) {
        for (const el of changed) queue(isInline(el) ? blockOf(el) : el);
        return;
      }
      for (const el of [...hidden]) {
        if (!el.isConnected) {
          hidden.delete(el);
          continue;
        }
        if (!changed.some((c) => c === el || c.contains(el))) continue;
        if (insideSkipped(el) || !rendersText(el)) continue;
        hidden.delete(el);
        queue(isInline(el) ? blockOf(el) : el);
      }
    }

    function queue(unit) {
      if (!unit || stopped) return;
      // A flood (a page adding thousands of rows between flushes) becomes one full rescan now,
      // rather than a set that holds every row, detached ones too, until the flush.
      if (dirty.has(doc.documentElement)) return;
      if (dirty.size >= FLOOD_UNITS) {
        dirty.clear();
        unit = doc.documentElement;
      }
      dirty.add(unit);
      schedule();
    }

    function schedule() {
      if (timer || flushing || stopped) return;
      timer = setTimeout(flush, delay);
    }

    /** Back-off: a window with many flushes doubles the delay, a quiet one halves it. */
    function account() {
      windowFlushes++;
      const now = performance.now();
      stats.delay = delay;
      if (now - windowStart < WINDOW_MS) {
        if (windowFlushes > BUSY_FLUSHES_PER_WINDOW) delay = Math.min(MAX_DELAY_MS, delay * 2);
        return;
      }
      if (windowFlushes <= 2) delay = Math.max(BASE_DELAY_MS, delay / 2);
      windowStart = now;
      windowFlushes = 0;
    }

    /** Units not inside another dirty unit; a flood becomes one full rescan. */
    function takeUnits() {
      let units = [...dirty];
      dirty.clear();
      if (units.length > FLOOD_UNITS) return [doc.documentElement];
      const set = new Set(units);
      units = units.filter((u) => {
        for (let p = u.parentNode; p; p = p.parentNode || p.host) if (set.has(p)) return false;
        return u.isConnected;
      });
      return units;
    }

    function removeRecord(record) {
      records.delete(record);
      pending.delete(record);
      shadowed.delete(record);
      unpainted.delete(record);
      setShown(record, false);
      unobserved(() => painter.remove(record));
    }

    function setShown(record, on) {
      if (on === shown.has(record)) return;
      if (on) shown.add(record);
      else shown.delete(record);
      const n = (shownCount.get(record.id) || 0) + (on ? 1 : -1);
      if (n > 0) shownCount.set(record.id, n);
      else shownCount.delete(record.id);
    }

    function dropWhere(test) {
      let changed = false;
      for (const r of [...records, ...pending]) {
        if (test(r)) {
          removeRecord(r);
          changed = true;
        }
      }
      return changed;
    }

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

    /**
     * Live records (shown or pending) whose text starts inside one of `roots` (elements, shadow
     * roots or text nodes, attached or removed), found from the roots' own text nodes through
     * byStartNode: the cost follows the size of the roots, not the number of records on the page
     * (walking up from every record took most of an incremental flush on a long page). Records in
     * shadow trees, which a TreeWalker of the light tree does not enter, are tested by walking
     * up. Null when the roots hold more than `budget` text nodes (a unit that is most of the
     * page): the caller tests every record instead.
     */
    function recordsUnder(roots, budget) {
      const found = new Set();
      const collect = (node) => {
        const list = byStartNode.get(node);
        if (list) for (const r of list) if (records.has(r) || pending.has(r)) found.add(r);
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
        const under = isUnder(roots);
        for (const r of shadowed) if ((records.has(r) || pending.has(r)) && under(r)) found.add(r);
      }
      return found;
    }

    /** Text nodes worth walking before testing every record is the cheaper way. */
    function walkBudget() {
      return 256 + 4 * (records.size + pending.size);
    }

    /**
     * Drops the records the page took out of the document: those in the nodes it removed (the
     * text nodes it shortened are in queued units). With the <mark> fallback every record is
     * checked: our own unwrapping merges and removes text nodes, unobserved.
     */
    function dropRemoved() {
      const all = removedAll || painter.mutatesPage;
      const roots = all ? null : [...removed].filter((n) => !n.isConnected);
      removed.clear();
      removedAll = false;
      if (!records.size && !pending.size) return false;
      if (roots && !roots.length) return false;
      const candidates = roots && recordsUnder(roots, walkBudget());
      if (!candidates) return dropWhere((r) => !connected(r));
      let changed = false;
      for (const r of candidates) {
        if (connected(r)) continue;
        removeRecord(r);
        changed = true;
      }
      return changed;
    }

    /** Drops the records under the units about to be rescanned. */
    function dropUnder(units) {
      if (!units.length || (!records.size && !pending.size)) return false;
      const candidates = units.includes(doc.documentElement) ? null : recordsUnder(units, walkBudget());
      // Past the budget: one walk up from each record, not a contains() per record and unit
      // (1,000 units x 5,000 records on a busy page).
      if (!candidates) return dropWhere(units.includes(doc.documentElement) ? () => true : isUnder(units));
      for (const r of candidates) removeRecord(r);
      return candidates.size > 0;
    }

    async function aliasTextOf(entity, alias) {
      const key = `${entity}:${alias}`;
      if (!aliasTexts.has(key)) aliasTexts.set(key, await client.aliasText(entity, alias));
      return aliasTexts.get(key);
    }

    function sameAs(a, b) {
      return a.entity === b.entity && a.nodes.length === b.nodes.length
        && a.nodes.every((p, i) => p.node === b.nodes[i].node && p.start === b.nodes[i].start && p.end === b.nodes[i].end);
    }

    function indexStart(record) {
      const node = record.nodes[0].node;
      const list = byStartNode.get(node);
      if (!list) byStartNode.set(node, [record]);
      else if (!list.includes(record)) list.push(record);
    }

    /** True when a live record (shown or pending) already covers what `record` covers. */
    function known(record) {
      const node = record.nodes[0].node;
      const list = (byStartNode.get(node) || []).filter((r) => records.has(r) || pending.has(r));
      byStartNode.set(node, list);
      if (list.some((r) => sameAs(r, record))) return true;
      list.push(record);
      return false;
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
        if (records.size >= MAX_RECORDS) {
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
        if (known(record)) continue;
        if (startNode.getRootNode() !== doc) shadowed.add(record);
        if (evidence === EVIDENCE.pending) {
          pending.add(record);
          continue;
        }
        records.add(record);
        unpainted.add(record);
        changed = true;
      }
      // The page said more: earlier weak records settled again by the engine's rule.
      if (factsGrew) changed = (await settleWeak()) || changed;
      if (changed) paintDue = true;
      if (paintDue && performance.now() - lastPaint >= PAINT_EVERY_MS) paint(false);
      return changed;
    }

    /** Settles every weak record (pending or shown) against the page's facts now. */
    async function settleWeak() {
      const weak = [...records, ...pending].filter((r) => r.evidence !== EVIDENCE.strong);
      if (!weak.length) return false;
      const verdicts = await client.resolve(facts, weak.flatMap((r) => [r.entity, r.alias, r.evidence]));
      let changed = false;
      weak.forEach((r, i) => {
        const evidence = verdicts[i];
        if (evidence === EVIDENCE_DROPPED) {
          removeRecord(r);
          changed = true;
        } else if (evidence !== EVIDENCE.pending && pending.has(r)) {
          pending.delete(r);
          r.evidence = evidence;
          records.add(r);
          unpainted.add(r);
          changed = true;
        }
      });
      return changed;
    }

    /**
     * Paints what should show. `all`: every record, for a change of settings (tiers, exceptions);
     * otherwise only the records made since the last paint, so an update of a few paragraphs does
     * not visit the thousands of records already painted (records dropped are unpainted as they
     * go, in removeRecord).
     */
    function paint(all = true) {
      paintDue = false;
      lastPaint = performance.now();
      const list = all ? [...records] : [...unpainted].filter((r) => records.has(r));
      unpainted.clear();
      unobserved(() => {
        // Wrapping splits text nodes: last to first, so no split moves text a later one needs.
        if (painter.mutatesPage) list.sort(byDocumentOrder).reverse();
        for (const r of list) {
          if (!isShown(r)) {
            painter.remove(r);
            setShown(r, false);
          } else if (painter.add(r)) {
            setShown(r, true);
            // Wrapping may have moved its start into a text node split off (fallback only).
            if (painter.mutatesPage) indexStart(r);
          } else {
            // Its text changed since the scan (fallback only): scan that text again.
            records.delete(r);
            queue(blockOf(r.nodes[0].node));
          }
        }
      });
    }

    /** Editable regions are never flagged: one that becomes editable loses its highlights. */
    function onFocusIn(event) {
      const target = event.target;
      if (!target || target.nodeType !== Node.ELEMENT_NODE || !target.isContentEditable) return;
      if (dropWhere((r) => target.contains(r.nodes[0].node))) onChange();
    }

    async function flush() {
      timer = null;
      if (stopped) return;
      flushing = true;
      let changed = false;
      try {
        if (global.location.href !== href) {
          href = global.location.href;
          restartState();
        }
        let sliceStart = performance.now();
        lastPaint = sliceStart;
        const endSlice = () => {
          const ms = performance.now() - sliceStart;
          stats.longestSliceMs = Math.max(stats.longestSliceMs, ms);
          stats.busyMs += ms;
        };
        changed = dropRemoved() || changed;
        reveal();
        const units = takeUnits();
        account();
        stats.flushes++;
        stats.units += units.length;
        // Records under a unit go before it is rescanned.
        changed = dropUnder(units) || changed;
        // Records are made in walk order: in document order when one unit is scanned from nothing
        // (the first scan, a full rescan), not when a part is rescanned among records kept.
        if (units.length) inWalkOrder = units.length === 1 && records.size === 0 && pending.size === 0;
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
            if (chars >= BATCH_CHARS || (item === TICK && performance.now() - sliceStart > SLICE_MS)) {
              changed = (await scanBatch(batch)) || changed;
              endSlice();
              batch = [];
              chars = 0;
              await yieldToPage();
              if (stopped) return;
              sliceStart = performance.now();
            }
          }
          changed = (await scanBatch(batch)) || changed;
          // Back to the page between units only once the slice is used up: an update of a few
          // paragraphs is then one task that scans, paints and reports (each task the flush
          // splits into costs the main thread a dispatch and the script's re-entry).
          if (performance.now() - sliceStart > SLICE_MS) {
            endSlice();
            await yieldToPage();
            if (stopped) return;
            sliceStart = performance.now();
          }
        }
        if (paintDue) paint(false);
        endSlice();
      } finally {
        flushing = false;
      }
      // The first flush always reports (a page with nothing flagged still gets a count of 0).
      if (changed || stats.flushes === 1) onChange();
      if (dirty.size || toReveal.size) schedule();
    }

    /**
     * The blocks of a unit (the whole document, or a part the page changed: an added subtree,
     * an edited block, a revealed one): found first (find.js: its text searched for candidates,
     * only the blocks holding one walked exactly), or, with the test builds' `fullWalk` flag,
     * every block walked (the tests compare both).
     */
    function blocksOfUnit(unit) {
      if (fullWalk) return blocksIn(unit, observe, onHidden);
      return blocksOf(unit, client.candidates, observe, onHidden, stats);
    }

    function restartState() {
      for (const r of [...records, ...pending]) removeRecord(r);
      facts = [];
      removed.clear();
      removedAll = false;
      hidden.clear();
      toReveal.clear();
      dirty.clear();
      dirty.add(doc.documentElement);
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
      observer.disconnect();
      observedRoots.clear();
      clearTimeout(timer);
      doc.removeEventListener('focusin', onFocusIn, true);
      global.removeEventListener('popstate', onNavigation);
      global.removeEventListener('hashchange', onNavigation);
      for (const r of [...records, ...pending]) removeRecord(r);
    }

    function byDocumentOrder(a, b) {
      const pos = a.nodes[0].node.compareDocumentPosition(b.nodes[0].node);
      if (pos & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
      if (pos & Node.DOCUMENT_POSITION_PRECEDING) return 1;
      return a.nodes[0].start - b.nodes[0].start;
    }

    /**
     * Shown records in document order (for the popup and "next mention"). By creation order while
     * that is document order (see inWalkOrder): compareDocumentPosition costs ~1.6 µs a call, so
     * sorting 5,000 mentions by it took a 110 ms task each time the popup opened.
     */
    function mentions() {
      const list = [...records].filter((r) => isShown(r) && connected(r));
      return inWalkOrder ? list.sort((a, b) => a.seq - b.seq) : list.sort(byDocumentOrder);
    }

    /**
     * Ids of the shown entities (for the badge, after every flush): kept as records are shown and
     * hidden (setShown), as a sweep of every record cost an incremental flush more than its scan,
     * and with no sorting, which costs compareDocumentPosition calls that are slow on long pages
     * (~0.5 s for 3,000 records on 10 MB). Records of removed text count until the next flush,
     * which the removal queues, drops them.
     */
    function shownIds() {
      return [...shownCount.keys()];
    }

    return {
      start, stop, paint, mentions, shownIds, stats,
      shadowRoots: () => [...observedRoots].filter((r) => r instanceof ShadowRoot),
      get idle() { return !timer && !flushing && dirty.size === 0; },
    };
  }

  global.bioflagScanner = Object.freeze({ create });
})(globalThis);
