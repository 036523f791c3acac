/*
 * The first content script of every frame, and in most frames the only one: it looks whether the
 * frame's text can name anybody at all, and only then loads the rest (content/full.js: the WASM
 * engine, scanner, painter, card; see main.js), by a dynamic import of the extension's own
 * bundle. A reader visits many pages that name nobody for each that does; those pay this check.
 *
 *   text node lengths (TreeWalker) ─► chunks by native concatenation (Range.toString), the
 *   text of scripts and style sheets left out ─► the characters folding drops removed ─► the
 *   built-in catalog's page-level fingerprints (content/fingerprints.js, written at build time
 *   from the engine: a whole uncommon word of each alias, a superset of where any can match;
 *   src/prefilter.rs page_pattern) ─► load full.js
 *
 * Also loads it when imported lists exist (their names have other fingerprints) or are added, and
 * when the page later adds text with a candidate (a MutationObserver; open shadow roots too).
 * Until then it answers the popup (nothing flagged) and, in test builds, publishes an idle state.
 * Frames past the frame cap (shared/frames.js) load nothing.
 */
(function bioflagGate(global) {
  'use strict';
  if (global.bioflagGateStarted) return;
  global.bioflagGateStarted = true;

  const { api, toBackground, url } = global.bioflagPlatform;
  const doc = global.document;
  const isTop = global.window.top === global.window;
  const testBuild = !!(global.bioflagBuild && global.bioflagBuild.test);
  const benchBuild = testBuild && !!global.bioflagBuild.bench;
  if (testBuild) performance.mark('bioflag:start');

  const { pastCap } = global.bioflagFrames;
  const CHUNK_CHARS = 256 * 1024;
  const OVERLAP = 16;
  const SLICE_MS = 8;
  const DELAY_MS = 60;
  const pattern = new RegExp(global.bioflagFingerprints.pattern, 'i');
  const ignored = new RegExp(global.bioflagFingerprints.ignored, 'g');
  const holds = (text) => pattern.test(text.replace(ignored, ''));
  /** Text that is never page prose (the exact walk skips it too; names split by it are not found). */
  const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template']);

  let loading = null; // the import of full.js, once started
  let checking = false;
  let timer = null;
  let skipped = null;
  const pending = new Set(); // nodes added or changed since the last check
  let sawText = false; // the frame has held some text (frames without any do not ask about lists)
  const observer = new MutationObserver(onMutations);
  const observed = new Set();

  const idle = () => !loading && !checking && !timer && pending.size === 0;

  function publish() {
    if (!testBuild || benchBuild || loading) return;
    doc.documentElement.setAttribute('data-bioflag-test', JSON.stringify({
      engine: null, matches: [], card: null, stats: null, idle: idle(), gate: true, ...(skipped && { skipped }),
    }));
  }
  const onRead = () => { if (doc.documentElement.hasAttribute('data-bioflag-test')) publish(); };

  const yieldToPage = () => /** @type {Promise<void>} */ (new Promise((resolve) => setTimeout(() => resolve(), 0)));

  /**
   * True when the text under `roots` (elements, shadow roots, text nodes) holds a fingerprint.
   * In slices: a long page is read in chunks, with a pause whenever a slice has run SLICE_MS.
   * Open shadow roots met on the way are searched too and observed.
   */
  async function holdsCandidate(roots) {
    let sliceStart = performance.now();
    const pause = async () => {
      if (performance.now() - sliceStart < SLICE_MS) return;
      await yieldToPage();
      sliceStart = performance.now();
    };
    const queue = [...roots];
    while (queue.length) {
      const root = queue.shift();
      if (!root.isConnected && root.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) continue;
      if (root.nodeType === Node.TEXT_NODE) {
        if (holds(root.data)) return true;
        continue;
      }
      if (root.nodeType === Node.ELEMENT_NODE && root.shadowRoot) queue.push(watch(root.shadowRoot));
      const walker = (root.ownerDocument || doc).createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      let first = null;
      let last = null;
      let total = 0;
      let carry = '';
      const search = () => {
        if (!first) return false;
        const range = (first.ownerDocument || doc).createRange();
        range.setStart(first, 0);
        range.setEnd(last, last.length);
        const text = range.toString();
        first = null;
        total = 0;
        const hit = holds(carry + text);
        carry = text.slice(-OVERLAP);
        return hit;
      };
      let steps = 0;
      let parent = null;
      let prose = true;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.parentNode !== parent) {
            parent = node.parentNode;
            prose = !NOT_TEXT.has(parent.localName);
          }
          if (!prose) {
            // A chunk is a run of text nodes: it ends before a script's text.
            if (search()) return true;
            continue;
          }
          const length = node.length;
          if (length) sawText = true;
          if (length > CHUNK_CHARS) {
            if (search()) return true;
            for (let at = 0; at < length; at += CHUNK_CHARS) {
              if (holds(node.data.slice(at, at + CHUNK_CHARS + OVERLAP))) return true;
              await pause();
            }
            carry = node.data.slice(-OVERLAP);
            continue;
          }
          if (!first) first = node;
          last = node;
          total += length;
          if (total >= CHUNK_CHARS) {
            if (search()) return true;
            await pause();
          }
        } else if (node.shadowRoot) {
          queue.push(watch(node.shadowRoot));
        }
        if (++steps % 1024 === 0) await pause();
      }
      if (search()) return true;
    }
    return false;
  }

  function watch(root) {
    if (!observed.has(root)) {
      observed.add(root);
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    }
    return root;
  }

  function onMutations(mutations) {
    if (loading) return;
    for (const m of mutations) {
      if (m.type === 'characterData') pending.add(m.target);
      else for (const n of m.addedNodes) pending.add(n);
    }
    if (pending.size > 1000) {
      pending.clear();
      pending.add(doc.documentElement);
    }
    if (pending.size && !timer && !checking) timer = setTimeout(checkPending, DELAY_MS);
  }

  async function checkPending() {
    timer = null;
    const roots = [...pending];
    pending.clear();
    await check(roots);
    if (pending.size && !timer && !loading) timer = setTimeout(checkPending, DELAY_MS);
  }

  /** Whether imported lists exist: asked once, when the frame first holds some text. */
  let lists = null;
  async function needsLists() {
    if (lists === null) lists = await hasLists();
    return lists;
  }

  async function check(roots) {
    checking = true;
    try {
      if ((await holdsCandidate(roots)) || (await needsLists())) return load();
    } finally {
      checking = false;
    }
    publish();
    return null;
  }

  /** Loads the engine, scanner and card (content/full.js runs main.js, which scans the frame). */
  function load() {
    if (loading) return loading;
    observer.disconnect();
    clearTimeout(timer);
    timer = null;
    pending.clear();
    // No state until main.js publishes its own (tests take a first state as a finished scan).
    if (testBuild && !benchBuild) doc.documentElement.removeAttribute('data-bioflag-test');
    doc.removeEventListener('bioflag-test-read', onRead);
    api.runtime.onMessage.removeListener(onMessage);
    api.storage.onChanged.removeListener(onStorage);
    loading = import(url('content/full.js')).catch((e) => console.warn('bioflag:', e));
    return loading;
  }

  /** Imported lists have fingerprints of their own: a frame loads everything when there are any. */
  async function hasLists() {
    const data = await api.storage.local.get(['listIndex', 'lists']);
    return (Array.isArray(data.listIndex) && data.listIndex.length > 0) || (Array.isArray(data.lists) && data.lists.length > 0);
  }

  function onStorage(changes, area) {
    if (area !== 'local' || loading) return;
    if ((changes.listIndex && (changes.listIndex.newValue || []).length) || (changes.lists && (changes.lists.newValue || []).length)) load();
  }

  /** The popup's questions, while nothing is loaded: nothing flagged here. */
  function onMessage(msg, sender, sendResponse) {
    if (!isTop || !msg || sender.id !== api.runtime.id || loading) return false;
    if (msg.type === 'next') {
      sendResponse({ ok: false });
      return false;
    }
    if (msg.type !== 'status') return false;
    api.storage.local.get('settings').then((data) => {
      // As stored, not yet normalised (storage.js is not loaded in the gate).
      const settings = /** @type {Partial<Settings> | undefined} */ (data.settings);
      const paused = !!(settings && Array.isArray(settings.pausedSites) && settings.pausedSites.includes(global.location.hostname));
      sendResponse({
        site: global.location.hostname, paused, engine: null, ready: idle(), info: null, mentions: [],
        limits: { text: false, mentions: false, frames: null },
      });
    }, (e) => sendResponse({ error: { message: String(e) } }));
    return true;
  }

  (async () => {
    if (pastCap(global.window)) {
      skipped = 'frame limit';
      publish();
      return;
    }
    if (testBuild) doc.addEventListener('bioflag-test-read', onRead);
    api.runtime.onMessage.addListener(onMessage);
    api.storage.onChanged.addListener(onStorage);
    watch(doc.documentElement);
    checking = true;
    let found;
    try {
      // A frame without text (an ad's about:blank frame) does not ask storage about lists yet.
      found = (await holdsCandidate([doc.documentElement])) || (sawText && (await needsLists()));
    } finally {
      checking = false;
    }
    if (found) {
      load();
      return;
    }
    // Changes the page made during the first check.
    if (pending.size && !timer) timer = setTimeout(checkPending, DELAY_MS);
    // A new page in this tab names nobody (so far): the badge starts from nothing.
    if (isTop) toBackground({ type: 'found', entities: [], reset: true }).catch(() => {});
    publish();
    if (testBuild) performance.mark('bioflag:report', { detail: { gate: true } });
  })().catch((e) => console.warn('bioflag:', e));
})(globalThis);
