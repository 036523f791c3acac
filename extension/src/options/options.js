/*
 * Options: tiers, paused sites, "not this entity here" exceptions, imported lists.
 * Lists are validated by the background engine (checkList) before they are stored, so a broken
 * list shows its errors by line and field and the previous lists stay as they were. The only
 * network request the extension ever makes is the URL import below, started by the user.
 */
'use strict';
const { toBackground } = globalThis.bioflagPlatform;
const store = globalThis.bioflagStorage;
const $ = (id) => document.getElementById(id);
const TIER_LABELS = {
  designated: 'On an official list (designated)',
  'formerly-designated': 'Formerly designated',
  'named-in-reporting': 'Named in reporting',
  affiliate: 'Affiliates',
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
    let box = tiers.querySelector(`input[data-tier="${tier}"]`);
    if (!box) {
      box = node('input', undefined, { type: 'checkbox' });
      box.dataset.tier = tier;
      box.onchange = () => store.updateSettings((s) => { s.tiers[tier] = box.checked; });
      const label = node('label');
      label.append(box, ` ${TIER_LABELS[tier]}`);
      tiers.append(label, node('br'));
    }
    box.checked = settings.tiers[tier] !== false;
  }

  $('sites').replaceChildren(...settings.pausedSites.map((site) => {
    const b = node('button', 'Resume', { type: 'button' });
    b.setAttribute('aria-label', `Resume on ${site}`);
    b.onclick = () => store.updateSettings((s) => { s.pausedSites = s.pausedSites.filter((h) => h !== site); }).then(render);
    const li = node('li', `${site} `);
    li.append(b);
    return li;
  }));
  $('sites-empty').hidden = settings.pausedSites.length > 0;

  $('exceptions').replaceChildren(...settings.exceptions.map((e) => {
    const b = node('button', 'Undo', { type: 'button' });
    b.setAttribute('aria-label', `Show ${e.name || e.entity} on ${e.site} again`);
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

  $('lists').replaceChildren(...lists.map((l) => {
    const li = node('li', `${l.name} (${Math.round(l.text.length / 1024)} KB, ${l.source}, ${l.importedAt}) `);
    const exp = node('button', 'Export', { type: 'button' });
    exp.onclick = () => {
      const a = node('a', undefined, { href: URL.createObjectURL(new Blob([l.text], { type: 'application/json' })), download: l.name });
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    };
    const rm = node('button', 'Remove', { type: 'button' });
    rm.onclick = async () => { await store.updateLists((ls) => ls.filter((x) => x.id !== l.id)); render(); };
    li.append(exp, ' ', rm);
    return li;
  }));

  try {
    const { info } = await toBackground({ type: 'info' });
    $('catalog').textContent = `Built-in catalog ${info.version}, updated ${info.updated}; ${info.entities} entities, lists: ${info.lists.join(', ')}.`;
  } catch (e) {
    $('catalog').textContent = `Engine unavailable: ${e.message}`;
  }
}

/** Validates and stores a list; shows errors by line and field, keeping the previous lists. */
async function importList(name, text, source) {
  const out = $('import-result');
  out.replaceChildren();
  const big = await tooBig(name, text.length);
  if (big) {
    importError(big);
    return;
  }
  const { result } = await toBackground({ type: 'checkList', text, name });
  if (result) {
    out.append(node('p', `“${name}” was not imported; your lists are unchanged:`, { className: 'error' }));
    const ul = node('ul', undefined, { className: 'error' });
    for (const e of result.errors) ul.append(node('li', `line ${e.line}, column ${e.column}${e.field ? `, field ${e.field}` : ''}: ${e.message}`));
    out.append(ul);
    return;
  }
  try {
    // Read, change and write under the storage lock: an import in another tab is not lost.
    await store.updateLists((lists) => [...lists.filter((l) => l.name !== name), { name, text, source, importedAt: new Date().toISOString().slice(0, 10) }]);
  } catch (e) {
    out.append(node('p', `“${name}” could not be saved (${e.message || e}); your lists are unchanged.`, { className: 'error' }));
    return;
  }
  out.append(node('p', `Imported “${name}”.`));
  render();
}

const MB = 1024 * 1024;
const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * The largest list that can be imported: the engine's limit (64 MB, src/catalog/load.rs), or less
 * where the browser caps extension storage (Chromium: 10 MB for everything, unless the extension
 * asks for unlimitedStorage, which it does not) and says how much is in use.
 */
async function sizeLimit() {
  const local = globalThis.bioflagPlatform.api.storage.local;
  if (typeof local.QUOTA_BYTES === 'number' && typeof local.getBytesInUse === 'function') {
    const free = local.QUOTA_BYTES - (await local.getBytesInUse(null));
    if (free < 64 * MB) return { bytes: Math.max(0, free), why: `the space left in this browser's ${megabytes(local.QUOTA_BYTES)} of extension storage` };
  }
  return { bytes: 64 * MB, why: 'the limit for one list' };
}

/** An error message when `bytes` is too big to import, checked before anything is read or sent. */
async function tooBig(name, bytes) {
  const limit = await sizeLimit();
  if (bytes <= limit.bytes) return null;
  return `“${name}” is ${megabytes(bytes)}, more than ${megabytes(limit.bytes)} (${limit.why}). Nothing was imported; your lists are unchanged.`;
}

$('file').onchange = async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  const big = await tooBig(file.name, file.size);
  if (big) {
    importError(big);
    return;
  }
  await importList(file.name, await file.text(), 'file');
};

/** How long a URL import may take, body included. Test builds shorten it to test the timeout. */
const IMPORT_TIMEOUT_MS = (globalThis.bioflagBuild && globalThis.bioflagBuild.importTimeoutMs) || 30000;

function importError(message) {
  $('import-result').replaceChildren(node('p', message, { className: 'error' }));
}

/** Fetches the URL's text, or throws an Error whose message is meant for the user. */
async function fetchList(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), IMPORT_TIMEOUT_MS);
  try {
    // The one request the extension makes, and only here, on the user's click.
    const response = await fetch(url, { credentials: 'omit', cache: 'no-store', signal: controller.signal });
    if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
    // A declared size over the limit stops the download before the body is read.
    const declared = Number(response.headers.get('content-length'));
    const limit = await sizeLimit();
    if (declared > limit.bytes) {
      controller.abort();
      throw new Error(`it is ${megabytes(declared)}, more than ${megabytes(limit.bytes)} (${limit.why})`);
    }
    const type = (response.headers.get('content-type') || '').split(';')[0].trim();
    const text = await response.text();
    // An HTML page (a login wall, an error page, a landing page) is the usual wrong answer.
    if (type === 'text/html' || /^\s*</.test(text)) throw new Error(`it returned a web page (${type || 'HTML'}), not a JSON list`);
    if (!/^\s*[[{]/.test(text)) throw new Error(`it did not return JSON (${type || 'no content type'})`);
    return text;
  } catch (e) {
    if (e.name === 'AbortError') throw new Error(`no complete answer within ${Math.round(IMPORT_TIMEOUT_MS / 1000)} s`, { cause: e });
    if (e instanceof TypeError) throw new Error(`the request failed (${e.message}); the server must be reachable and allow cross-origin reads`, { cause: e });
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

$('url-form').onsubmit = async (event) => {
  event.preventDefault();
  const url = $('url').value.trim();
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch (e) { /* reported below */ }
  if (!parsed || parsed.protocol !== 'https:') {
    importError(`Only https:// URLs can be imported${url ? `, not “${url}”` : ''}. Nothing was fetched; your lists are unchanged.`);
    return;
  }
  const button = event.target.querySelector('button');
  button.disabled = true;
  $('import-result').replaceChildren(node('p', `Fetching ${parsed.href}…`));
  try {
    const text = await fetchList(parsed.href);
    await importList(decodeURIComponent(parsed.pathname.split('/').pop()) || parsed.host, text, parsed.href);
  } catch (e) {
    importError(`Could not import ${parsed.href}: ${e.message}. Your lists are unchanged.`);
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

render();
