/*
 * Options: tiers, paused sites, "not this entity here" exceptions, imported lists.
 * Lists are validated by the background engine (checkList) before they are stored, so a broken
 * list shows its errors by line and field and the previous lists stay as they were; a valid one
 * shows the import's report (records skipped, names made weak). The extension's only network
 * requests are the URL import below, started by the user, and the checks of the lists the user
 * chose to keep up to date (background/subscriptions.js).
 */
// The shared classic scripts, for the globals they define (build-flags.js and constants.js, which
// the build writes, are classic scripts of the page and have run before this module).
import '../shared/platform.js';
import '../shared/storage.js';
import '../shared/i18n.js';
import '../shared/list-fetch.js';
const { toBackground } = globalThis.bioflagPlatform;
const { t, localize } = globalThis.bioflagI18n;
const store = globalThis.bioflagStorage;
const { fetchList, sizeLimit, megabytes } = globalThis.bioflagListFetch;
/**
 * The options page's controls that are more than an HTMLElement, by id (options.html). An
 * input's change event and a form's submit event have the element itself as their target.
 * @typedef {{
 *   file: HTMLInputElement & { onchange: ((event: Event & { target: HTMLInputElement }) => unknown) | null },
 *   url: HTMLInputElement,
 *   'url-form': HTMLFormElement & { onsubmit: ((event: SubmitEvent & { target: HTMLFormElement }) => unknown) | null },
 * }} OptionsControls
 */
/**
 * @template {string} K
 * @param {K} id
 * @returns {K extends keyof OptionsControls ? OptionsControls[K] : HTMLElement}
 */
const $ = (id) => /** @type {K extends keyof OptionsControls ? OptionsControls[K] : HTMLElement} */ (/** @type {unknown} */ (document.getElementById(id)));
const TIER_LABELS = {
  designated: 'optionsTierDesignated',
  'formerly-designated': 'optionsTierFormerly',
  'named-in-reporting': 'optionsTierReporting',
  affiliate: 'optionsTierAffiliate',
};

function node(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  Object.assign(el, attrs);
  return el;
}

async function render() {
  const { settings, lists } = await store.load();

  // The tier boxes are made once and then only updated, so re-rendering on a storage change
  // never takes keyboard focus away from the box just toggled.
  const tiers = $('tiers');
  for (const tier of store.TIERS) {
    let box = /** @type {HTMLInputElement | null} */ (tiers.querySelector(`input[data-tier="${tier}"]`));
    if (!box) {
      box = node('input', undefined, { type: 'checkbox' });
      box.dataset.tier = tier;
      box.onchange = () => store.updateSettings((s) => { s.tiers[tier] = box.checked; });
      const label = node('label');
      label.append(box, ` ${t(TIER_LABELS[tier])}`);
      tiers.append(label, node('br'));
    }
    box.checked = settings.tiers[tier] !== false;
  }

  $('sites').replaceChildren(...settings.pausedSites.map((site) => {
    const b = node('button', t('optionsResume'), { type: 'button' });
    b.setAttribute('aria-label', t('optionsResumeOn', [site]));
    b.onclick = () => store.updateSettings((s) => { s.pausedSites = s.pausedSites.filter((h) => h !== site); }).then(render);
    const li = node('li', `${site} `);
    li.append(b);
    return li;
  }));
  $('sites-empty').hidden = settings.pausedSites.length > 0;

  $('exceptions').replaceChildren(...settings.exceptions.map((e) => {
    const b = node('button', t('optionsUndo'), { type: 'button' });
    b.setAttribute('aria-label', t('optionsShowAgain', [e.name || e.entity, e.site]));
    // By what it is, not by position: another tab may have changed the list since this render.
    b.onclick = () => store.updateSettings((s) => {
      s.exceptions = s.exceptions.filter((x) => !(x.site === e.site && x.entity === e.entity && x.alias === e.alias));
    }).then(render);
    const tr = node('tr');
    const td = node('td');
    td.append(b);
    tr.append(node('td', e.site), node('td', e.name || e.entity), node('td', e.alias), td);
    return tr;
  }));
  $('exceptions-empty').hidden = settings.exceptions.length > 0;

  // Re-rendering replaces the list rows: the control that had focus gets it back.
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const focused = active && active.dataset.focusKey;
  const subs = await store.loadSubscriptions();
  $('lists').replaceChildren(...lists.map((l) => {
    const li = node('li', `${t('optionsListLine', [l.name, Math.round(l.text.length / 1024), l.source, l.importedAt])} `);
    const exp = node('button', t('optionsExport'), { type: 'button' });
    exp.onclick = () => {
      const a = node('a', undefined, { href: URL.createObjectURL(new Blob([l.text], { type: 'application/json' })), download: l.name });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    };
    const rm = node('button', t('optionsRemove'), { type: 'button' });
    rm.onclick = async () => { await store.updateLists((ls) => ls.filter((x) => x.id !== l.id)); render(); };
    li.append(exp, ' ', rm);
    if (/^https:\/\//.test(l.source)) li.append(subscription(l, subs[l.id] || {}));
    return li;
  }));
  if (focused) {
    const again = /** @type {HTMLElement | null} */ ($('lists').querySelector(`[data-focus-key="${CSS.escape(focused)}"]`));
    if (again) again.focus();
  }

  try {
    const { info } = await toBackground({ type: 'info' });
    $('catalog').textContent = t('optionsCatalog', [info.version, info.updated, info.entities, info.lists.join(', ')]);
  } catch (e) {
    $('catalog').textContent = t('optionsEngineUnavailable', [e.message]);
  }
}

/** A time of a subscription's state, in the browser's language, with its ISO form for machines. */
function timeOf(ms) {
  return node('time', new Date(ms).toLocaleString(), { dateTime: new Date(ms).toISOString() });
}

/**
 * A URL-imported list's subscription: the schedule (off by default), "Update now", when it was
 * last checked and last changed, and the last check's error (the list in use is then the
 * previous one, which the error says).
 */
function subscription(list, sub) {
  const box = node('div', undefined, { className: 'subscription' });
  const every = node('select');
  every.dataset.focusKey = `every:${list.id}`;
  every.setAttribute('aria-label', t('optionsKeepUpdatedOf', [list.name]));
  for (const [value, key] of [['', 'optionsEveryNever'], ['daily', 'optionsEveryDaily'], ['weekly', 'optionsEveryWeekly']]) {
    every.append(node('option', t(key), { value }));
  }
  every.value = sub.every || '';
  every.onchange = () => store.updateSubscriptions((s) => { s[list.id] = { ...s[list.id], every: every.value || null }; });
  const label = node('label', `${t('optionsKeepUpdated')} `);
  label.append(every);
  const now = node('button', t('optionsUpdateNow'), { type: 'button', className: 'update-now' });
  now.dataset.focusKey = `update:${list.id}`;
  now.setAttribute('aria-label', t('optionsUpdateNowOf', [list.name]));
  now.onclick = async () => {
    now.disabled = true;
    now.textContent = t('optionsChecking');
    try {
      await toBackground({ type: 'updateList', id: list.id });
    } catch (e) {
      importError(t('optionsCouldNotImport', [list.source, e.message]));
    }
    render();
  };
  const status = node('span', undefined, { className: 'checked' });
  if (sub.checkedAt) {
    status.append(`${t('optionsChecked')} `, timeOf(sub.checkedAt));
    if (sub.changedAt) status.append(`; ${t('optionsChanged')} `, timeOf(sub.changedAt));
  } else {
    status.append(t('optionsNotChecked'));
  }
  box.append(label, ' ', now, ' ', status);
  if (sub.error) box.append(node('p', t('optionsUpdateFailed', [sub.error]), { className: 'error update-error' }));
  return box;
}

/** What the import read and left out, as the engine says it (the lines of `bioflag check-list`). */
function reportList(report) {
  const ul = node('ul', undefined, { className: 'report' });
  for (const r of report) ul.append(node('li', r.line ? t('optionsReportAt', [r.line, r.column, r.text]) : r.text));
  return ul;
}

/**
 * Validates and stores a list; shows errors by line and field, keeping the previous lists, or
 * the import's report. `fetched`: the validators of a URL import's answer, kept for the
 * subscription's conditional requests.
 */
async function importList(name, text, source, fetched = null) {
  const out = $('import-result');
  out.replaceChildren();
  const big = await tooBig(name, text.length);
  if (big) {
    importError(big);
    return;
  }
  const { result, report } = await toBackground({ type: 'checkList', text, name });
  if (result) {
    out.append(node('p', t('optionsNotImported', [name]), { className: 'error' }));
    const ul = node('ul', undefined, { className: 'error' });
    for (const e of result.errors) ul.append(node('li', e.field ? t('optionsErrorAtField', [e.line, e.column, e.field, e.message]) : t('optionsErrorAt', [e.line, e.column, e.message])));
    out.append(ul);
    return;
  }
  let id;
  try {
    // Read, change and write under the storage lock: an import in another tab is not lost. A
    // list imported again from where it came from keeps its id, so its subscription stays.
    const stored = await store.updateLists((lists) => {
      const same = lists.find((l) => l.name === name && l.source === source);
      const entry = { id: same && same.id, name, text, source, importedAt: new Date().toISOString().slice(0, 10) };
      return [...lists.filter((l) => l.name !== name), entry];
    });
    id = stored[stored.length - 1].id;
    if (fetched) {
      const at = Date.now();
      await store.updateSubscriptions((s) => {
        s[id] = { every: (s[id] && s[id].every) || null, checkedAt: at, changedAt: at, error: null, etag: fetched.etag, lastModified: fetched.lastModified };
      });
    }
  } catch (e) {
    out.append(node('p', t('optionsNotSaved', [name, e.message || e]), { className: 'error' }));
    return;
  }
  out.append(node('p', t('optionsImported', [name])));
  if (report && report.length) out.append(node('p', t('optionsReport')), reportList(report));
  render();
}

/** An error message when `bytes` is too big to import, checked before anything is read or sent. */
async function tooBig(name, bytes) {
  const limit = await sizeLimit();
  if (bytes <= limit.bytes) return null;
  return t('optionsTooBig', [name, megabytes(bytes), megabytes(limit.bytes), limit.why]);
}

/** An alt.csv row of OFAC's: five cells, the first two numbers (ent_num, alt_num). */
const ALT_ROW = /^\s*\d+\s*,\s*\d+\s*,[^,]*,(?:"[^"]*"|[^,]*),[^,]*$/;

/**
 * The files picked as one list: one file as it is, or OFAC's sdn.csv and alt.csv picked together
 * as one text, sdn.csv first (the engine reads alt.csv's rows after sdn.csv's, by their shape,
 * and gives alt.csv's own line numbers in errors). Any other pair is refused.
 */
async function pickedList(files) {
  if (files.length === 1) return { name: files[0].name, text: await files[0].text() };
  const texts = await Promise.all(files.map((f) => f.text()));
  const isAlt = texts.map((t) => ALT_ROW.test(t.trimStart().split('\n', 1)[0].trimEnd()));
  if (files.length !== 2 || isAlt[0] === isAlt[1]) return { error: t('optionsOnePair') };
  const [sdn, alt] = isAlt[0] ? [1, 0] : [0, 1];
  const sdnText = texts[sdn].endsWith('\n') ? texts[sdn] : `${texts[sdn]}\n`;
  return { name: files[sdn].name, text: sdnText + texts[alt] };
}

$('file').onchange = async (event) => {
  const files = [...event.target.files];
  if (!files.length) return;
  const name = files.map((f) => f.name).join(' + ');
  const big = await tooBig(name, files.reduce((n, f) => n + f.size, 0));
  if (big) {
    importError(big);
    return;
  }
  const picked = await pickedList(files);
  if (picked.error) {
    importError(picked.error);
    return;
  }
  await importList(picked.name, picked.text, 'file');
};

function importError(message) {
  $('import-result').replaceChildren(node('p', message, { className: 'error' }));
}

$('url-form').onsubmit = async (event) => {
  event.preventDefault();
  const url = $('url').value.trim();
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch (e) { /* reported below */ }
  if (!parsed || parsed.protocol !== 'https:') {
    importError(url ? t('optionsHttpsOnlyNot', [url]) : t('optionsHttpsOnly'));
    return;
  }
  const button = event.target.querySelector('button');
  button.disabled = true;
  $('import-result').replaceChildren(node('p', t('optionsFetching', [parsed.href])));
  try {
    // The one request the extension makes by itself, and only here, on the user's click (and
    // later for a list the user chose to keep up to date).
    const got = await fetchList(parsed.href);
    await importList(decodeURIComponent(parsed.pathname.split('/').pop()) || parsed.host, got.text, parsed.href, got);
  } catch (e) {
    importError(t('optionsCouldNotImport', [parsed.href, e.message]));
  } finally {
    button.disabled = false;
  }
};

// Pages change settings too ("Not this entity here", "Pause on this site" on a card), and the
// popup pauses sites: an open options tab shows those at once.
let rerender = null;
globalThis.bioflagPlatform.api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || rerender) return;
  rerender = setTimeout(() => {
    rerender = null;
    render();
  }, 50);
});

localize(document);
render();
