/*
 * Content script entry: wires the pieces together for one document (each frame runs its own).
 *
 *   storage ──► settings (paused? tiers, exceptions) ─┐
 *   engine-client (local WASM or background) ─► scanner ─► painter ─► interaction ─► card-host
 *                                                 └──► badge count (background), popup answers
 *
 * Loaded by content/gate.js, the frame's first content script, once the frame's text holds a
 * candidate (or imported lists exist): content/full.js is this file and the ones it needs,
 * bundled at build time in this order (extension/tools/bundle.mjs): wasm glue, constants, storage,
 * engine-core, fill, card-hover, card, blocks, find, records, marks, highlight, card-host, engine-client,
 * scheduler, reveal, scanner, interaction.
 * platform.js, frames.js and build-flags.js are the gate's.
 */
(function bioflagContent(global) {
  'use strict';
  if (global.bioflagContentStarted) return;
  global.bioflagContentStarted = true;

  const { api, toBackground } = global.bioflagPlatform;
  const { MAX_FRAMES, frameCount, pastCap } = global.bioflagFrames;
  const store = global.bioflagStorage;
  const doc = global.document;
  const site = global.location.hostname;
  // `window`, not `global`: in Firefox a content script's globalThis is a sandbox whose prototype
  // is the page window, so `globalThis.top === globalThis` is never true there.
  const isTop = global.window.top === global.window;
  const testBuild = !!(global.bioflagBuild && global.bioflagBuild.test);
  // Test builds only, for bench/e2e.mjs: performance marks at the start and at every report (the
  // end of each flush that changed what is flagged, and of the first); `bench` test builds also
  // skip publish(), a cost release builds do not have.
  const benchBuild = testBuild && !!global.bioflagBuild.bench;
  // The gate marked `bioflag:start`; this is when the rest was loaded.
  if (testBuild) performance.mark('bioflag:load');

  let settings = null;
  let hasLists = false; // imported lists exist: the engine is the background's
  let loaded = false;
  let listsVersion = 0;
  let session = null; // {client, scanner, painter, cardHost, interaction, info}
  let skipped = null; // why this frame is not scanned at all (published by test builds)
  let reported = false; // the top frame's first report resets the tab's badge (new page)

  function isShown(record) {
    return settings.tiers[record.tier] !== false && !store.isException(settings, site, record.id, record.aliasText);
  }

  /**
   * Tells the background what this frame flags (for the badge), when that changed: most flushes
   * of a long page add mentions of entities it already names, and a message costs the page's main
   * thread more than the rest of a small update (serialising and sending it, ~0.4 ms). The same
   * report still goes again after RESEND_MS: the background's per-frame sets live in a service
   * worker that the browser stops when idle (~30 s), and a frame that reports again restores its
   * part of the count.
   */
  const RESEND_MS = 20000;
  let lastSent = null;
  let lastSentAt = 0;
  function send(message) {
    const key = JSON.stringify([message.entities.slice().sort(), message.reset]);
    const now = performance.now();
    if (key === lastSent && now - lastSentAt < RESEND_MS) return;
    lastSent = key;
    lastSentAt = now;
    toBackground(message).catch(() => {
      if (lastSent === key) lastSent = null; // not delivered: the next report sends again
    });
  }

  function report() {
    if (!session) {
      send({ type: 'found', entities: [], reset: true });
    } else {
      send({ type: 'found', entities: session.scanner.shownIds(), reset: isTop && !reported });
      reported = true;
    }
    publish();
    if (testBuild) performance.mark('bioflag:report', { detail: session && { ...session.scanner.stats, painted: session.painter.size, engine: session.client.kind } });
  }

  /**
   * Test builds only: the matches and the open card, readable by the e2e tests from the page DOM.
   * The tests dispatch `bioflag-test-read` on the document before reading (events cross from the
   * page's world to ours synchronously), so what they read is current, e.g. the card's boxes
   * after it scrolled.
   */
  let published = false;
  function publish() {
    if (!testBuild || benchBuild) return;
    published = true;
    doc.documentElement.setAttribute('data-bioflag-test', JSON.stringify(!session
      ? { engine: null, matches: [], card: null, stats: null, idle: idle(), ...(skipped && { skipped }) }
      : {
        engine: session.client.kind,
        idle: idle(),
        cardActions,
        matches: session.scanner.mentions().map((r) => ({ text: r.range.toString(), id: r.id, tier: r.tier, evidence: r.evidence })),
        card: session.cardHost.snapshot(),
        stats: session.scanner.stats,
      }));
  }
  // Only once published (the gate's "loading" state stands until then): tests take a first
  // state as "the first scan is done".
  if (testBuild) doc.addEventListener('bioflag-test-read', () => { if (published) publish(); });

  /** Card actions sent (test builds publish the count: a page must not be able to raise it). */
  let cardActions = 0;
  function changeSettings(change) {
    cardActions++;
    return store.changeSettings(change);
  }

  let opening = 0; // cards asked for and not yet shown (see idle())
  async function openCard(record, options) {
    opening++;
    try {
      await showCard(record, options);
    } finally {
      opening--;
    }
  }

  /**
   * Test builds: nothing left to happen without a new cause: the scanner has no flush queued or
   * running, no pointer timer is pending and no card is on its way. Tests wait for this before
   * asserting that something did not happen.
   */
  function idle() {
    return !starting && (!session || (session.scanner.idle && session.interaction.idle && opening === 0));
  }

  async function showCard(record, { focus, trigger }) {
    const s = session;
    if (!s) return;
    const data = await s.client.card(record.entity);
    if (session !== s || !data) return;
    s.cardHost.open(record, data, {
      focus,
      trigger,
      // Sent to the background, which applies them one at a time (storage.js, changeSettings).
      actions: {
        notThis: () => changeSettings({ exception: { site, entity: record.id, alias: record.aliasText, name: record.name } }),
        pause: () => changeSettings({ pause: site }),
      },
    });
  }

  /**
   * Starts a session unless one runs or is starting. Creating the engine is async, and storage
   * events (the first load's own schema write among them) can ask for a start meanwhile: without
   * this guard two sessions would scan, paint and open cards side by side. A stop() during the
   * start (new lists, pause) bumps `generation`, which abandons that start.
   */
  let generation = 0;
  let starting = null; // {generation, promise}
  function start() {
    if (session || store.isPaused(settings, site)) return Promise.resolve();
    if (starting && starting.generation === generation) return starting.promise;
    const started = { generation };
    started.promise = startSession(generation).finally(() => {
      if (starting === started) starting = null;
    });
    starting = started;
    return started.promise;
  }

  async function startSession(gen) {
    const client = await global.bioflagEngineClient.create(hasLists);
    const entities = await client.entities();
    if (gen !== generation || session || store.isPaused(settings, site)) return;
    const painter = global.bioflagHighlight.createPainter();
    const cardHost = global.bioflagCardHost.create(doc, () => report());
    const scanner = global.bioflagScanner.create({ doc, client, entities, painter, isShown, onChange: report });
    const interaction = global.bioflagInteraction.create({ doc, scanner, painter, cardHost, openCard });
    session = { client, scanner, painter, cardHost, interaction };
    scanner.start();
    interaction.start();
  }

  function stop() {
    generation++;
    if (!session) return;
    session.interaction.stop();
    session.scanner.stop();
    session.painter.clear();
    session = null;
    report();
  }

  api.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local') return;
    if (changes.settings) settings = store.normalizeSettings(changes.settings.newValue);
    if (store.listsChanged(changes)) {
      // The event carries the small index only; a tab never reads the texts (the background
      // builds the lists). A later change while this read runs makes this one moot.
      const version = ++listsVersion;
      const fresh = await store.hasLists();
      if (version !== listsVersion) return;
      hasLists = fresh;
      stop(); // a new list means a new engine (and ends a session started on the old lists)
    }
    if (!loaded) return; // the first load, still running, reads the new values itself
    if (store.isPaused(settings, site)) stop();
    else if (!session) await start();
    else {
      session.scanner.paint();
      if (session.cardHost.record && !isShown(session.cardHost.record)) session.cardHost.close(false);
      report();
    }
  });

  api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
    // Popup and shortcut talk to the top frame only.
    if (!isTop || !msg || sender.id !== api.runtime.id) return false;
    (async () => {
      if (msg.type === 'status') {
        const info = session ? await session.client.info() : null;
        const mentions = session ? session.scanner.mentions() : [];
        return {
          site,
          paused: store.isPaused(settings, site),
          engine: session && session.client.kind,
          // False until the first scan of a (re)started page is done, so callers can wait for it.
          ready: !!session && session.scanner.stats.flushes > 0 && session.scanner.idle,
          info,
          mentions: mentions.map((r) => ({ id: r.id, name: r.name, name_zh: r.name_zh, name_zh_hant: r.name_zh_hant, tier: r.tier, text: r.text, context: contextOf(r) })),
          limits: limits(),
        };
      }
      if (msg.type === 'next') {
        const r = session && session.interaction.next({ entity: msg.entity, focus: msg.focus });
        return { ok: !!r };
      }
      return null;
    })().then(sendResponse, (e) => sendResponse({ error: { message: String(e) } }));
    return true;
  });

  /** A few words around a mention, for the popup's accessible list. */
  function contextOf(record) {
    // Cut before collapsing spaces: the parent may hold a 10 MB text node.
    const text = ((record.nodes[0].node.parentElement || record.nodes[0].node).textContent || '').slice(0, 1000);
    return text.replace(/\s+/g, ' ').trim().slice(0, 120);
  }

  /** Which limits cut this page's work short, for the popup's note (top frame only). */
  function limits() {
    const stats = session ? session.scanner.stats : null;
    const frames = frameCount(global.window, 100000);
    return {
      // The millions of characters checked, when a cap cut the scan short.
      text: stats && stats.capped.text ? stats.passMillions : false,
      mentions: !!(stats && stats.capped.mentions),
      frames: frames > MAX_FRAMES ? { total: frames, scanned: MAX_FRAMES } : null,
    };
  }

  (async () => {
    if (pastCap(global.window)) {
      // Test builds say so, so that tests can tell "not scanned" from "not yet looked at".
      skipped = 'frame limit';
      publish();
      return; // see shared/frames.js
    }
    [settings, hasLists] = await Promise.all([store.loadSettings(), store.hasLists()]);
    loaded = true;
    await start();
    if (!session) report();
  })().catch((e) => console.warn('bioflag:', e));
})(globalThis);
