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

  const tiers = $('tiers');
  tiers.querySelectorAll('label').forEach((l) => l.remove());
  for (const tier of store.TIERS) {
    const box = node('input', undefined, { type: 'checkbox', checked: settings.tiers[tier] !== false });
    box.onchange = () => store.updateSettings((s) => { s.tiers[tier] = box.checked; });
    const label = node('label');
    label.append(box, ` ${TIER_LABELS[tier]}`);
    tiers.append(label, node('br'));
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

  $('exceptions').replaceChildren(...settings.exceptions.map((e, i) => {
    const b = node('button', 'Undo', { type: 'button' });
    b.setAttribute('aria-label', `Show ${e.name || e.entity} on ${e.site} again`);
    b.onclick = () => store.updateSettings((s) => { s.exceptions.splice(i, 1); }).then(render);
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
    rm.onclick = async () => { await store.saveLists(lists.filter((x) => x !== l)); render(); };
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
  const { result } = await toBackground({ type: 'checkList', text, name });
  if (result) {
    out.append(node('p', `“${name}” was not imported; your lists are unchanged:`, { className: 'error' }));
    const ul = node('ul', undefined, { className: 'error' });
    for (const e of result.errors) ul.append(node('li', `line ${e.line}, column ${e.column}${e.field ? `, field ${e.field}` : ''}: ${e.message}`));
    out.append(ul);
    return;
  }
  const { lists } = await store.load();
  const kept = lists.filter((l) => l.name !== name);
  await store.saveLists([...kept, { name, text, source, importedAt: new Date().toISOString().slice(0, 10) }]);
  out.append(node('p', `Imported “${name}”.`));
  render();
}

$('file').onchange = async (event) => {
  const file = event.target.files[0];
  if (file) await importList(file.name, await file.text(), 'file');
};

$('url-form').onsubmit = async (event) => {
  event.preventDefault();
  const url = $('url').value.trim();
  if (!url.startsWith('https://')) {
    $('import-result').replaceChildren(node('p', 'Only https:// URLs can be imported.', { className: 'error' }));
    return;
  }
  try {
    // The one request the extension makes, and only here, on the user's click.
    const response = await fetch(url, { credentials: 'omit', cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await importList(new URL(url).pathname.split('/').pop() || url, await response.text(), url);
  } catch (e) {
    $('import-result').replaceChildren(node('p', `Could not fetch ${url}: ${e.message}`, { className: 'error' }));
  }
};

render();
