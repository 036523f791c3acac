/*
 * Background: the shared engine (for pages whose CSP forbids WASM in the content script, and
 * for imported lists: built once per browser, not once per tab), list validation and the import
 * report for the options page, list subscriptions (background/subscriptions.js), the toolbar
 * badge, and the "next mention" shortcut.
 *
 * Chromium runs this as a classic service worker (importScripts below); Firefox as a background
 * page with the same files listed in manifest `background.scripts`.
 */
/**
 * What content scripts and extension pages ask the background (bioflagPlatform.toBackground),
 * by `type`; each answer is an object, or `{error: {message, ...}}`.
 * @typedef {{ type: 'changeSettings', change: SettingsChange }
 *   | { type: 'scan', segments: string[] }
 *   | { type: 'scanDocument', segments: string[], facts: number[] }
 *   | { type: 'resolve', facts: number[], records: number[] }
 *   | { type: 'card', entity: number | string }
 *   | { type: 'entities' } | { type: 'info' } | { type: 'pattern' }
 *   | { type: 'aliasText', entity: number, alias: number }
 *   | { type: 'checkList', text: string, name: string }
 *   | { type: 'updateList', id: string }
 *   | { type: 'found', entities: string[], reset?: boolean }} BackgroundRequest
 */
'use strict';
if (typeof importScripts === 'function' && typeof wasm_bindgen === 'undefined') {
  importScripts(
    '/build-flags.js', '/wasm/bioflag.js', '/shared/constants.js', '/shared/platform.js', '/shared/storage.js', '/shared/engine-core.js',
    '/shared/i18n.js', '/shared/list-fetch.js', '/background/subscriptions.js',
  );
}

const { api } = globalThis.bioflagPlatform;
const core = globalThis.bioflagEngineCore;
const store = globalThis.bioflagStorage;
const subscriptions = globalThis.bioflagSubscriptions;

/**
 * Stored data of an older schema is migrated at every start of the worker / background page
 * (a no-op once done); everything that reads storage here waits for it.
 */
const migrated = store.migrateStored().catch((e) => console.warn('bioflag: storage migration failed', e));
// An install, update or reload starts the worker for this event, so the migration runs then, not
// when a page first needs the engine.
api.runtime.onInstalled.addListener(() => migrated);

/** The engine, built lazily (the service worker may be stopped at any time) and on list changes. */
let enginePromise = null;

function engine() {
  if (!enginePromise) {
    enginePromise = (async () => {
      await migrated;
      const exports = await core.init(api.runtime.getURL('wasm/bioflag_bg.wasm'));
      const { lists } = await store.load();
      try {
        return { engine: core.build(lists), exports };
      } catch (e) {
        // A stored list that no longer parses must not take the built-in catalog down with it.
        console.warn('bioflag: ignoring imported lists that fail to load', e);
        return { engine: core.build([]), exports };
      }
    })().catch((e) => {
      enginePromise = null;
      throw e;
    });
  }
  return enginePromise;
}

/** The import's check of a list's text: null when valid, else `{list, errors}`. */
async function validate(text, name) {
  await core.init(api.runtime.getURL('wasm/bioflag_bg.wasm'));
  return core.checkList(text, name);
}

api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local') return;
  if (store.listsChanged(changes)) enginePromise = null;
  if ('subscriptions' in changes) subscriptions.ensureAlarm().catch((e) => console.warn('bioflag: alarm', e));
  // Storage cleared (storage.local.clear(), from a test or the developer tools): the defaults
  // are written again, as on a fresh install.
  if (changes.schema && changes.schema.newValue === undefined) store.migrateStored().catch(() => {});
});

/** Entities flagged per tab and frame, for the badge: Map<tabId, Map<frameId, Set<entityId>>>. */
const found = new Map();

function updateBadge(tabId) {
  const frames = found.get(tabId);
  const ids = new Set();
  if (frames) for (const set of frames.values()) for (const id of set) ids.add(id);
  const text = ids.size ? String(ids.size) : '';
  api.action.setBadgeText({ tabId, text }).catch(() => {});
  api.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' }).catch(() => {});
}

api.tabs.onRemoved.addListener((tabId) => found.delete(tabId));

const handlers = {
  /** A card's "Pause on this site" / "Not this entity here" (content scripts cannot take the lock). */
  async changeSettings(msg) {
    await migrated;
    await store.updateSettings((s) => store.applyChange(s, msg.change || {}));
    return {};
  },
  async scan(msg) {
    const { engine: e, exports } = await engine();
    // Plain array: typed arrays do not survive Chromium's JSON message serialisation.
    return { matches: Array.from(core.scan(e, exports, msg.segments)) };
  },
  async scanDocument(msg) {
    const { engine: e, exports } = await engine();
    const { matches, facts } = core.scanDocument(e, exports, msg.segments, msg.facts);
    return { matches: Array.from(matches), facts };
  },
  async resolve(msg) {
    return { evidence: core.resolve((await engine()).engine, msg.facts, msg.records) };
  },
  async card(msg) {
    return { card: (await engine()).engine.card(msg.entity) };
  },
  async entities() {
    return { entities: (await engine()).engine.entities() };
  },
  async info() {
    return { info: (await engine()).engine.info() };
  },
  async pattern() {
    return { pattern: (await engine()).engine.fingerprintPattern() ?? null };
  },
  async aliasText(msg) {
    return { text: (await engine()).engine.aliasText(msg.entity, msg.alias) };
  },
  /** `result`: null or the list's errors; `report`: what a valid list's import read and left out. */
  async checkList(msg) {
    await core.init(api.runtime.getURL('wasm/bioflag_bg.wasm'));
    const r = core.importReport(msg.text, msg.name);
    return r.report ? { error: null, result: null, report: r.report } : { error: null, result: r };
  },
  /** "Update now" on the options page. */
  async updateList(msg) {
    await migrated;
    return subscriptions.update(msg.id, validate);
  },
  async found(msg, sender) {
    const tabId = sender.tab && sender.tab.id;
    if (tabId === undefined) return {};
    if (!found.has(tabId)) found.set(tabId, new Map());
    const frames = found.get(tabId);
    if (msg.reset && sender.frameId === 0) frames.clear();
    frames.set(sender.frameId, new Set(msg.entities));
    updateBadge(tabId);
    return {};
  },
};

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const handler = msg && handlers[msg.type];
  if (!handler) return false;
  handler(msg, sender).then(sendResponse, (e) => {
    sendResponse({ error: { message: String((e && e.message) || e), list: e && e.list, errors: e && e.errors } });
  });
  return true; // answer asynchronously
});

// Subscribed lists are checked hourly for the ones due; the alarm is made again at every start
// (the browser may drop alarms on restart).
migrated.then(() => subscriptions.ensureAlarm()).catch((e) => console.warn('bioflag: alarm', e));
const onAlarm = (alarm, now) => migrated.then(() => subscriptions.onAlarm(alarm, validate, now));
api.alarms.onAlarm.addListener((alarm) => onAlarm(alarm));
// Tests do not wait an hour: they call the alarm's listener with a clock of their choosing.
globalThis.bioflagOnAlarm = onAlarm;

/** The shortcut (Alt+Shift+M): the active tab's top frame scrolls to its next mention. */
async function onCommand(command) {
  if (command !== 'next-mention') return false;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (!tab) return false;
  const answer = await api.tabs.sendMessage(tab.id, { type: 'next', focus: true }, { frameId: 0 }).catch(() => null);
  return !!(answer && answer.ok);
}
api.commands.onCommand.addListener(onCommand);
// Headless browsers do not route synthesized key presses to extension shortcuts, so the e2e tests
// check the registered key with commands.getAll() and call this same listener.
globalThis.bioflagOnCommand = onCommand;
