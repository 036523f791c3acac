/*
 * Settings and imported lists in storage.local (survive restarts and updates), with a schema
 * version and migrations. Classic script: defines `globalThis.bioflagStorage`; needs
 * bioflagPlatform. Every context reads the same keys and listens to storage.onChanged, so tabs
 * never disagree about what is paused or hidden.
 *
 * Keys:  schema: number
 *        settings: {tiers: {tier: bool}, pausedSites: [host], exceptions: [{site, entity, alias}]}
 *        lists: [{name, text, source, importedAt}]     (imported lists, in bioflag JSON,
 *                                                        FollowTheMoney lines or CSL JSON)
 */
(function defineStorage(global) {
  'use strict';
  const { api } = global.bioflagPlatform;
  const SCHEMA = 1;
  const TIERS = ['designated', 'formerly-designated', 'named-in-reporting', 'affiliate'];

  function defaultSettings() {
    return {
      tiers: Object.fromEntries(TIERS.map((t) => [t, true])),
      pausedSites: [],
      exceptions: [],
    };
  }

  /** Brings stored data of any older schema to the current one. */
  function migrate(data) {
    const settings = { ...defaultSettings(), ...(data.settings || {}) };
    settings.tiers = { ...defaultSettings().tiers, ...(settings.tiers || {}) };
    return { schema: SCHEMA, settings, lists: Array.isArray(data.lists) ? data.lists : [] };
  }

  async function load() {
    const data = await api.storage.local.get(['schema', 'settings', 'lists']);
    const migrated = migrate(data);
    if (data.schema !== SCHEMA) await api.storage.local.set(migrated);
    return migrated;
  }

  async function loadSettings() {
    const data = await api.storage.local.get(['schema', 'settings']);
    return migrate({ ...data, lists: [] }).settings;
  }

  async function saveSettings(settings) {
    await api.storage.local.set({ schema: SCHEMA, settings });
  }

  /** Applies `change(settings)` to the stored settings and saves them. */
  async function updateSettings(change) {
    const settings = await loadSettings();
    change(settings);
    await saveSettings(settings);
    return settings;
  }

  async function saveLists(lists) {
    await api.storage.local.set({ schema: SCHEMA, lists });
  }

  function isPaused(settings, host) {
    return settings.pausedSites.includes(host);
  }

  function isException(settings, host, entityId, alias) {
    return settings.exceptions.some((e) => e.site === host && e.entity === entityId && e.alias === alias);
  }

  global.bioflagStorage = Object.freeze({
    SCHEMA, TIERS, defaultSettings, migrate, load, loadSettings, saveSettings, updateSettings, saveLists, isPaused, isException,
  });
})(globalThis);
