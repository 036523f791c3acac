/*
 * Settings and imported lists in storage.local (survive restarts, reloads and updates), with a
 * schema version and a tested migration (tests/e2e/storage.chromium.test.mjs). Classic script:
 * defines `globalThis.bioflagStorage`; needs bioflagPlatform. Every context reads the same keys
 * and listens to storage.onChanged, so tabs never disagree about what is paused or hidden.
 *
 * Schema 2 (current):
 *   schema: 2
 *   settings: {tiers: {tier: bool}, pausedSites: [host], exceptions: [{site, entity, alias, name}]}
 *   listIndex: [{id, name, source, importedAt, bytes}]     (imported lists, newest last)
 *   list:<id>: text                                          (bioflag JSON, FollowTheMoney lines
 *                                                              or CSL JSON, as imported)
 *   subscriptions: {<id>: {every, checkedAt, changedAt, error, etag, lastModified}}
 *                  lists imported from an https: URL: `every` 'daily' | 'weekly' | null (not
 *                  kept up to date, the default), times in ms since the epoch, the last
 *                  check's error or null, the validators of the stored text. A key of its own,
 *                  so a check that finds nothing new does not look like a list change.
 * Schema 1, and 0 (no `schema` key, settings possibly partial), kept every list in one `lists`
 * array: each import rewrote all of them and sent the old and new arrays, megabytes, to every
 * tab's storage listener. The background migrates (migrateStored, at every start, idempotent);
 * until it has, readers see the old data through the same view (load).
 *
 * Writes are read-modify-write, so two of them at once (two options tabs, a card's "Pause" in
 * one tab while another pauses a site) must not interleave: extension pages and the background
 * hold a Web Lock (one per extension origin, shared by all its pages and its worker) while they
 * write; content scripts, which run in the page's origin, send their change to the background.
 */
/**
 * @typedef {object} Settings
 * @property {Record<string, boolean>} tiers   shown or not, by tier name (TIERS)
 * @property {string[]} pausedSites             host names where bioflag is off
 * @property {Exception[]} exceptions           "not this entity here"
 */
/**
 * @typedef {object} Exception
 * @property {string} site    host name
 * @property {string} entity  entity id
 * @property {string} alias   the alias as the page wrote it
 * @property {string} name    the entity's name, for the options page
 */
/**
 * An imported list with its text, whatever the schema it is stored in (`id` is missing on a
 * list about to be added).
 * @typedef {object} StoredList
 * @property {string} [id]
 * @property {string} name
 * @property {string} text        bioflag JSON, FollowTheMoney lines, CSL JSON or OFAC's files, as imported
 * @property {string} source      'file' or the URL it was imported from
 * @property {string} importedAt  YYYY-MM-DD
 */
/**
 * A change a page's card asks for (applyChange).
 * @typedef {{ pause?: string, resume?: string, exception?: Exception }} SettingsChange
 */
'use strict';
(function defineStorage(global) {
  'use strict';
  const { api } = global.bioflagPlatform;
  const SCHEMA = 2;
  /** The engine's tiers, in its order (shared/constants.js). */
  const TIERS = global.bioflagConstants.tiers.map((t) => t.name);
  const LOCK = 'bioflag-storage';
  const LIST_PREFIX = 'list:';
  const SUBSCRIPTIONS = 'subscriptions';
  const isExtensionPage = global.bioflagPlatform.isExtensionPage();

  function defaultSettings() {
    return {
      tiers: Object.fromEntries(TIERS.map((t) => [t, true])),
      pausedSites: [],
      exceptions: [],
    };
  }

  /** Settings of any schema, with what is missing or malformed set to its default. */
  function normalizeSettings(stored) {
    const base = defaultSettings();
    const s = stored && typeof stored === 'object' ? stored : {};
    const tiers = { ...base.tiers };
    if (s.tiers && typeof s.tiers === 'object') for (const t of TIERS) if (typeof s.tiers[t] === 'boolean') tiers[t] = s.tiers[t];
    return {
      ...s,
      tiers,
      pausedSites: Array.isArray(s.pausedSites) ? s.pausedSites.filter((h) => typeof h === 'string') : [],
      exceptions: Array.isArray(s.exceptions) ? s.exceptions.filter((e) => e && typeof e === 'object') : [],
    };
  }

  /** Kept for callers that normalise a settings value they got from a storage event. */
  function migrate(data) {
    return { schema: SCHEMA, settings: normalizeSettings(data.settings), lists: Array.isArray(data.lists) ? data.lists : [] };
  }

  /** Runs `fn` holding the storage lock (extension pages and the background only). */
  function exclusive(fn) {
    const locks = global.navigator && global.navigator.locks;
    return locks ? locks.request(LOCK, fn) : fn();
  }

  /** Lists of schema 0/1 (`lists` array) as schema 2 lists: [{id, name, text, source, importedAt}]. */
  function legacyLists(lists) {
    if (!Array.isArray(lists)) return [];
    return lists
      .filter((l) => l && typeof l.text === 'string' && typeof l.name === 'string')
      .map((l, i) => ({ id: `m${i + 1}`, name: l.name, text: l.text, source: l.source || 'file', importedAt: l.importedAt || '' }));
  }

  /** Imported lists with their text, whatever the schema: [{id, name, text, source, importedAt}]. */
  async function loadLists(data) {
    if (!Array.isArray(data.listIndex)) return legacyLists(data.lists);
    const keys = data.listIndex.map((l) => LIST_PREFIX + l.id);
    const texts = keys.length ? await api.storage.local.get(keys) : {};
    return data.listIndex
      .filter((l) => typeof texts[LIST_PREFIX + l.id] === 'string')
      .map((l) => ({ id: l.id, name: l.name, text: texts[LIST_PREFIX + l.id], source: l.source, importedAt: l.importedAt }));
  }

  /** {settings, lists} as stored now (read-only: the background does the migrating). */
  async function load() {
    const data = await api.storage.local.get(['schema', 'settings', 'lists', 'listIndex']);
    return { settings: normalizeSettings(data.settings), lists: await loadLists(data) };
  }

  /** Whether any list is imported, read from the index alone (no list text is loaded). */
  async function hasLists() {
    const data = await api.storage.local.get(['listIndex', 'schema']);
    if (Array.isArray(data.listIndex)) return data.listIndex.length > 0;
    if (data.schema === SCHEMA) return false;
    // Not migrated yet: the old array, texts and all, is the only place to look.
    const { lists } = await api.storage.local.get('lists');
    return Array.isArray(lists) && lists.length > 0;
  }

  async function loadSettings() {
    const { settings } = await api.storage.local.get('settings');
    return normalizeSettings(settings);
  }

  /**
   * Brings stored data of schema 0 or 1 to schema 2, in the background; returns whether it had
   * to. Steps, each safe to repeat if the worker stops between them: lists into `listIndex` and
   * `list:<id>` (an index already there is kept, the old array adds the lists missing from it by
   * name) with normalised settings, then the old `lists` removed, then `schema: 2` written last.
   */
  function migrateStored() {
    return exclusive(async () => {
      if ((await api.storage.local.get('schema')).schema === SCHEMA) return false;
      const data = await api.storage.local.get(['settings', 'lists', 'listIndex']);
      const index = Array.isArray(data.listIndex) ? [...data.listIndex] : [];
      const write = { settings: normalizeSettings(data.settings) };
      for (const l of legacyLists(data.lists)) {
        if (index.some((x) => x.name === l.name)) continue;
        const id = newId(index);
        index.push({ id, name: l.name, source: l.source, importedAt: l.importedAt, bytes: l.text.length });
        write[LIST_PREFIX + id] = l.text;
      }
      write.listIndex = index;
      await api.storage.local.set(write);
      if ('lists' in data) await api.storage.local.remove('lists');
      await api.storage.local.set({ schema: SCHEMA });
      return true;
    });
  }

  function newId(index) {
    let id;
    do id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    while (index.some((l) => l.id === id));
    return id;
  }

  /**
   * Applies `change(settings)` to the stored settings and saves them, under the lock. Content
   * scripts cannot take the extension's lock: they use changeSettings() instead.
   */
  function updateSettings(change) {
    return exclusive(async () => {
      const settings = await loadSettings();
      change(settings);
      await api.storage.local.set({ settings });
      return settings;
    });
  }

  /**
   * The changes a page's card can ask for, as data (a content script sends them to the
   * background, which applies them with updateSettings): {pause: host}, {resume: host},
   * {exception: {site, entity, alias, name}}.
   */
  function applyChange(settings, change) {
    if (typeof change.pause === 'string' && !settings.pausedSites.includes(change.pause)) settings.pausedSites.push(change.pause);
    if (typeof change.resume === 'string') settings.pausedSites = settings.pausedSites.filter((h) => h !== change.resume);
    const e = change.exception;
    if (e && typeof e === 'object' && !settings.exceptions.some((x) => x.site === e.site && x.entity === e.entity && x.alias === e.alias)) {
      settings.exceptions.push({ site: String(e.site), entity: String(e.entity), alias: String(e.alias), name: String(e.name || e.entity) });
    }
  }

  /** One of applyChange's changes, from any context. */
  async function changeSettings(change) {
    if (isExtensionPage) return updateSettings((s) => applyChange(s, change));
    return global.bioflagPlatform.toBackground({ type: 'changeSettings', change });
  }

  /**
   * Applies `change(lists)` (an array of {id?, name, text, source, importedAt}, to return or
   * change in place) to the stored lists, under the lock: only added, changed and removed lists
   * are written. Resolves to the lists as stored, each with its id. Throws what storage throws
   * (a full quota, for one).
   */
  function updateLists(change) {
    return exclusive(async () => {
      const data = await api.storage.local.get(['schema', 'lists', 'listIndex']);
      const before = await loadLists(data);
      const after = change(before.map((l) => ({ ...l }))) || before;
      // Lists still in the old `lists` array have no `list:<id>` key yet: all are written.
      const legacy = !Array.isArray(data.listIndex);
      const index = [];
      const write = {};
      for (const l of after) {
        const old = !legacy && l.id && before.find((b) => b.id === l.id);
        const id = old ? l.id : newId([...before, ...index]);
        l.id = id; // callers learn the ids of the lists they added
        index.push({ id, name: l.name, source: l.source, importedAt: l.importedAt, bytes: l.text.length });
        if (!old || old.text !== l.text) write[LIST_PREFIX + id] = l.text;
      }
      await api.storage.local.set({ ...write, listIndex: index, schema: SCHEMA });
      const goneIds = legacy ? [] : before.filter((b) => !index.some((l) => l.id === b.id)).map((b) => b.id);
      const gone = goneIds.map((id) => LIST_PREFIX + id);
      if ('lists' in data) gone.push('lists');
      if (gone.length) await api.storage.local.remove(gone);
      // A removed list's subscription goes with it.
      const subs = await loadSubscriptions();
      if (goneIds.some((id) => id in subs)) {
        for (const id of goneIds) delete subs[id];
        await api.storage.local.set({ [SUBSCRIPTIONS]: subs });
      }
      return after;
    });
  }

  /** Subscription state by list id (see the schema above); {} when there is none. */
  async function loadSubscriptions() {
    const stored = (await api.storage.local.get(SUBSCRIPTIONS))[SUBSCRIPTIONS];
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...stored } : {};
  }

  /**
   * Applies `change(subscriptions)` (change in place) to the stored subscription state under
   * the lock; state of lists that no longer exist is dropped.
   */
  function updateSubscriptions(change) {
    return exclusive(async () => {
      const subs = await loadSubscriptions();
      change(subs);
      const { listIndex } = await api.storage.local.get('listIndex');
      const ids = new Set((Array.isArray(listIndex) ? listIndex : []).map((l) => l.id));
      for (const id of Object.keys(subs)) if (!ids.has(id)) delete subs[id];
      await api.storage.local.set({ [SUBSCRIPTIONS]: subs });
      return subs;
    });
  }

  /** Replaces the stored lists with `lists` (kept for callers that build the whole array). */
  function saveLists(lists) {
    return updateLists(() => lists);
  }

  /** True when a storage.onChanged event changed the imported lists. */
  function listsChanged(changes) {
    return 'listIndex' in changes || 'lists' in changes;
  }

  function isPaused(settings, host) {
    return settings.pausedSites.includes(host);
  }

  function isException(settings, host, entityId, alias) {
    return settings.exceptions.some((e) => e.site === host && e.entity === entityId && e.alias === alias);
  }

  global.bioflagStorage = Object.freeze({
    SCHEMA, TIERS, defaultSettings, normalizeSettings, migrate, migrateStored, load, loadSettings, hasLists, updateSettings,
    applyChange, changeSettings, updateLists, saveLists, listsChanged, isPaused, isException,
    loadSubscriptions, updateSubscriptions,
  });
})(globalThis);
