/*
 * Content script entry: wires the pieces together for one document (each frame runs its own).
 *
 *   storage ──► settings (paused? tiers, exceptions) ─┐
 *   engine-client (local WASM or background) ─► scanner ─► painter ─► interaction ─► card-host
 *                                                 └──► badge count (background), popup answers
 *
 * Files loaded before this one (manifest content_scripts order): wasm glue, platform, storage,
 * engine-core, card, blocks, highlight, card-host, engine-client, scanner, interaction.
 */
(function bioflagContent(global) {
  'use strict';
  if (global.bioflagContentStarted) return;
  global.bioflagContentStarted = true;

  const { api, toBackground } = global.bioflagPlatform;
  const store = global.bioflagStorage;
  const doc = global.document;
  const site = global.location.hostname;
  const isTop = global.top === global;
  const testBuild = !!(global.bioflagBuild && global.bioflagBuild.test);

  let settings = null;
  let lists = [];
  let session = null; // {client, scanner, painter, cardHost, interaction, info}
  let reported = false; // the top frame's first report resets the tab's badge (new page)

  function isShown(record) {
    return settings.tiers[record.tier] !== false && !store.isException(settings, site, record.id, record.aliasText);
  }

  function report() {
    if (!session) {
      if (testBuild) doc.documentElement.setAttribute('data-bioflag-test', JSON.stringify({ engine: null, matches: [], card: null, stats: null }));
      toBackground({ type: 'found', entities: [], reset: true }).catch(() => {});
      return;
    }
    const mentions = session.scanner.mentions();
    toBackground({ type: 'found', entities: [...new Set(mentions.map((r) => r.id))], reset: isTop && !reported }).catch(() => {});
    reported = true;
    if (testBuild) {
      // Test builds only: the matches, readable by the e2e tests from the page DOM.
      doc.documentElement.setAttribute('data-bioflag-test', JSON.stringify({
        engine: session.client.kind,
        matches: mentions.map((r) => ({ text: r.range.toString(), id: r.id, tier: r.tier, evidence: r.evidence })),
        card: session.cardHost.snapshot(),
        stats: session.scanner.stats,
      }));
    }
  }

  async function openCard(record, { focus }) {
    const s = session;
    if (!s) return;
    const data = await s.client.card(record.entity);
    if (session !== s || !data) return;
    s.cardHost.open(record, data, {
      focus,
      actions: {
        notThis: () => store.updateSettings((st) => {
          st.exceptions.push({ site, entity: record.id, alias: record.aliasText, name: record.name });
        }),
        pause: () => store.updateSettings((st) => {
          if (!st.pausedSites.includes(site)) st.pausedSites.push(site);
        }),
      },
    });
  }

  async function start() {
    if (session || store.isPaused(settings, site)) return;
    const client = await global.bioflagEngineClient.create(lists);
    const entities = await client.entities();
    const painter = global.bioflagHighlight.createPainter();
    const cardHost = global.bioflagCardHost.create(doc, () => report());
    const scanner = global.bioflagScanner.create({ doc, client, entities, painter, isShown, onChange: report });
    const interaction = global.bioflagInteraction.create({ doc, scanner, painter, cardHost, openCard });
    session = { client, scanner, painter, cardHost, interaction };
    scanner.start();
    interaction.start();
  }

  function stop() {
    if (!session) return;
    session.interaction.stop();
    session.scanner.stop();
    session.painter.clear();
    session = null;
    report();
  }

  api.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'local') return;
    if (changes.settings) settings = store.migrate({ settings: changes.settings.newValue }).settings;
    if (changes.lists) {
      lists = changes.lists.newValue || [];
      stop(); // a new list means a new engine
    }
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
          info,
          mentions: mentions.map((r) => ({ id: r.id, name: r.name, tier: r.tier, text: r.text, context: contextOf(r) })),
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
    const text = (record.nodes[0].node.parentElement || record.nodes[0].node).textContent || '';
    return text.replace(/\s+/g, ' ').trim().slice(0, 120);
  }

  (async () => {
    ({ settings, lists } = await store.load());
    await start();
    if (!session) report();
  })().catch((e) => console.warn('bioflag:', e));
})(globalThis);
