/*
 * List subscriptions: a list imported from an https: URL, kept up to date on the schedule the
 * user picked on the options page (daily or weekly; off by default), as uBlock Origin does with
 * filter lists. One alarm an hour wakes the background, which checks the lists that are due with
 * a conditional request; a new text is validated like an import and replaces the old one only
 * when it is a valid list. On any failure (network, HTTP status, too big, a web page, a broken
 * list) the error is kept for the options page and the previous list stays in use.
 *
 * Classic script, loaded by the background: defines `globalThis.bioflagSubscriptions`; needs
 * bioflagPlatform, bioflagStorage, bioflagListFetch.
 */
(function defineSubscriptions(global) {
  'use strict';
  const { api } = global.bioflagPlatform;
  const store = global.bioflagStorage;
  const { fetchList } = global.bioflagListFetch;
  const { t } = global.bioflagI18n;

  const ALARM = 'bioflag-subscriptions';
  const HOUR = 60 * 60 * 1000;
  const PERIODS = { daily: 24 * HOUR, weekly: 7 * 24 * HOUR };
  /** After a failed check the list is tried again this soon, not a whole period later. */
  const RETRY = HOUR;

  const isSubscribed = (sub) => !!(sub && PERIODS[sub.every]);

  /** True when the subscription `sub` should be checked at `now`. */
  function due(sub, now) {
    if (!isSubscribed(sub)) return false;
    if (!sub.checkedAt) return true;
    return now - sub.checkedAt >= (sub.error ? RETRY : PERIODS[sub.every]);
  }

  /**
   * The hourly alarm exists exactly while some list is subscribed. Alarms can be lost when the
   * browser restarts, so this runs at every start of the background too.
   */
  async function ensureAlarm() {
    const subs = await store.loadSubscriptions();
    const wanted = Object.values(subs).some(isSubscribed);
    const existing = await api.alarms.get(ALARM);
    if (wanted && !existing) await api.alarms.create(ALARM, { delayInMinutes: 1, periodInMinutes: 60 });
    if (!wanted && existing) await api.alarms.clear(ALARM);
  }

  /** One update per list at a time: the alarm and "Update now" can meet. */
  const running = new Map();

  /**
   * Checks list `id` now and stores the outcome: `{changed, error}`. `validate(text, name)` is
   * the import's check, resolving to null for a valid list, else to `{errors: [{line, column,
   * field, message}]}`.
   */
  function update(id, validate, now = Date.now()) {
    if (!running.has(id)) {
      running.set(id, check(id, validate, now).finally(() => running.delete(id)));
    }
    return running.get(id);
  }

  async function check(id, validate, now) {
    const { lists } = await store.load();
    const list = lists.find((l) => l.id === id);
    if (!list || !/^https:\/\//.test(list.source)) return { changed: false, error: null, missing: true };
    const sub = (await store.loadSubscriptions())[id] || /** @type {Subscription} */ ({});
    let patch;
    try {
      const got = await fetchList(list.source, { etag: sub.etag, lastModified: sub.lastModified, freed: list.text.length });
      if (got.unchanged || got.text === list.text) {
        // Validators of the same text are still worth keeping: the next check can be a 304.
        patch = { checkedAt: now, error: null, ...(got.unchanged ? {} : { etag: got.etag, lastModified: got.lastModified }) };
      } else {
        const broken = await validate(got.text, list.name);
        if (broken) {
          const e = broken.errors[0];
          const where = e.field ? t('optionsErrorAtField', [e.line, e.column, e.field, e.message]) : t('optionsErrorAt', [e.line, e.column, e.message]);
          throw new Error(t('optionsUpdateBroken', [broken.errors.length, where]));
        }
        const day = new Date(now).toISOString().slice(0, 10);
        await store.updateLists((ls) => ls.map((l) => (l.id === id ? { ...l, text: got.text, importedAt: day } : l)));
        patch = { checkedAt: now, changedAt: now, error: null, etag: got.etag, lastModified: got.lastModified };
      }
    } catch (e) {
      // The validators stay those of the stored text, so a failed answer is never taken for it.
      patch = { checkedAt: now, error: String((e && e.message) || e) };
    }
    await store.updateSubscriptions((s) => { s[id] = { every: null, ...s[id], ...patch }; });
    return { changed: !!patch.changedAt, error: patch.error };
  }

  /** The alarm: every subscribed list that is due, one after the other. */
  async function onAlarm(alarm, validate, now = Date.now()) {
    if (!alarm || alarm.name !== ALARM) return [];
    const subs = await store.loadSubscriptions();
    const results = [];
    for (const [id, sub] of Object.entries(subs)) {
      if (due(sub, now)) results.push({ id, ...(await update(id, validate, now)) });
    }
    return results;
  }

  global.bioflagSubscriptions = Object.freeze({ ALARM, PERIODS, due, ensureAlarm, update, onAlarm });
})(globalThis);
