// Settings and imported lists in Chromium: the storage schema's migration, survival of
// reloads, of an update with a newer catalog and of a browser restart, two tabs writing at once,
// and hostile list imports. The extension runs from a copy of dist that the test owns, so an "update" is that copy
// changed in place (new version, new catalog version inside the WASM) and reloaded, as Chromium
// does for an unpacked extension: same id, same storage.
//   node --test tests/e2e/storage.chromium.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { startHttpsServer } from './https-server.mjs';
import { testExtension, READ_STATE, until, idleState, repoPath, extensionRequests } from './harness.mjs';

const catalog = JSON.parse(readFileSync(repoPath('data/catalog.json'), 'utf8'));
const ACME = '{"schema":1,"name":"Mine","entities":[{"id":"acme","name":"Acme Widgets Ltd"}]}';
const EVIL_WIDGETS = JSON.stringify({
  schema: 1,
  name: '<b>Evil</b> list<script>window.pwned = "list name"</script>',
  sources: [{
    id: 'src-a', title: '<img src=x onerror="window.pwned = \'source\'">Report', publisher: '<i>Pub</i>',
    date: '2026-01-01', url: 'https://example.org/report', confidence: 'secondary',
  }],
  entities: [{
    id: 'evil-widgets',
    name: '<img src=x onerror="window.pwned = \'name\'">Evil Widgets Holdings',
    summary: '<script>window.pwned = "summary"</script>A summary.',
    aliases: [{ text: 'Evil Widgets Holdings' }],
    claims: [{
      text: '<a href="javascript:window.pwned = \'claim\'">click</a> a claim.', date: '2026-01-01', source: 'src-a',
      quote: '<iframe src="javascript:parent.pwned = \'quote\'"></iframe>',
    }],
  }],
}, null, 1);

let server;
let https;
let dir;
let profile;
let ctx;
let worker;
let id;
let page;

before(async () => {
  server = await startServer();
  https = await startHttpsServer();
  dir = testExtension('chromium', { importTimeoutMs: 1500 });
  profile = mkdtempSync(join(tmpdir(), 'bioflag-profile-'));
  await launch();
  // Developer mode, as for anyone who loads an unpacked extension: without it, Chromium disables
  // an unpacked extension when it reloads ("unsupported developer extension").
  const extensions = await ctx.newPage();
  await extensions.goto('chrome://extensions/');
  await extensions.evaluate(() => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }));
  await extensions.close();
});

/** Starts Chromium on the test's profile (again, for the restart test) with the extension. */
async function launch() {
  // The list server's certificate is self-signed.
  ({ ctx, worker } = await launchChromiumWith({ server, dir, profile, ignoreHTTPSErrors: true }));
  id = new URL(worker.url()).host;
  page = await ctx.newPage();
}

after(async () => {
  await ctx?.close();
  await https?.close();
  await server?.close();
});

const dump = () => worker.evaluate(() => chrome.storage.local.get(null));

/** Reloads the extension (what an update or "Reload" does) and waits for its migration. */
async function reloadExtension() {
  const next = ctx.waitForEvent('serviceworker', { timeout: 20000 });
  await worker.evaluate(() => chrome.runtime.reload()).catch(() => {}); // the worker dies answering
  worker = await next;
  await until(async () => (await worker.evaluate(() => chrome.storage.local.get('schema')).catch(() => ({}))).schema === 2, 10000, 'migrated');
}

/** Storage as a stored schema 1 or 0 extension would have left it, then a reload. */
async function startFrom(data) {
  await worker.evaluate(async (d) => {
    await chrome.storage.local.clear();
    await chrome.storage.local.set(d);
  }, data);
  await reloadExtension();
  return dump();
}

async function state() {
  return page.evaluate(`(() => {${READ_STATE}})()`);
}

async function flagged(path) {
  await page.goto(server.origin + path);
  const s = await idleState(state, { what: `an idle state on ${path}` });
  return s.matches.map((m) => [m.text, m.id]);
}

async function optionsPage() {
  const options = await ctx.newPage();
  await options.goto(`chrome-extension://${id}/options/options.html`);
  await options.waitForFunction(() => document.getElementById('catalog').textContent !== '');
  return options;
}

function listsIn(data) {
  return (data.listIndex || []).map((l) => ({ name: l.name, source: l.source, importedAt: l.importedAt, text: data[`list:${l.id}`] }));
}

const SETTINGS_V1 = {
  tiers: { designated: true, 'formerly-designated': true, 'named-in-reporting': true, affiliate: false },
  pausedSites: ['paused.example'],
  exceptions: [{ site: '127.0.0.1', entity: 'mgi-tech', alias: 'MGI', name: 'MGI Tech Co., Ltd.' }],
};
const LISTS_V1 = [
  { name: 'mine.json', text: ACME, source: 'file', importedAt: '2026-01-02' },
  { name: 'other.json', text: '{"schema":1,"name":"Other","entities":[{"id":"zeta","name":"Zeta Reagents Gmbh"}]}', source: 'https://lists.example/other.json', importedAt: '2026-02-03' },
];

test('schema 1 (one `lists` array) is migrated on reload: settings kept, each list under its own key, lists still used', async () => {
  const data = await startFrom({ schema: 1, settings: SETTINGS_V1, lists: LISTS_V1 });
  assert.equal(data.schema, 2);
  assert.equal('lists' in data, false, 'the old array is gone');
  assert.deepEqual(data.settings, SETTINGS_V1);
  assert.deepEqual(listsIn(data), LISTS_V1);
  assert.deepEqual(await flagged('/pages/imported.html'), [['Acme Widgets Ltd', 'acme']]);
  const options = await optionsPage();
  assert.deepEqual(await options.$$eval('#lists li', (lis) => lis.map((li) => li.firstChild.textContent.split(' (')[0])), ['mine.json', 'other.json']);
  await options.close();
});

test('schema 0 (no version, partial settings) is migrated with the missing settings at their defaults', async () => {
  const data = await startFrom({ settings: { pausedSites: ['old.example'], tiers: { affiliate: 'no' } }, lists: [LISTS_V1[0]] });
  assert.equal(data.schema, 2);
  assert.deepEqual(data.settings, {
    tiers: { designated: true, 'formerly-designated': true, 'named-in-reporting': true, affiliate: true },
    pausedSites: ['old.example'],
    exceptions: [],
  });
  assert.deepEqual(listsIn(data), [LISTS_V1[0]]);
  assert.deepEqual(await flagged('/pages/imported.html'), [['Acme Widgets Ltd', 'acme']]);
});

test('a migration stopped halfway (lists moved, old array not yet removed) completes without duplicates', async () => {
  await startFrom({ schema: 1, settings: SETTINGS_V1, lists: LISTS_V1 });
  const migrated = await dump();
  // Put the old array back and the old schema number, as if the worker had stopped before the end.
  await worker.evaluate(async (lists) => chrome.storage.local.set({ schema: 1, lists }), LISTS_V1);
  await reloadExtension();
  const data = await dump();
  assert.equal('lists' in data, false);
  assert.deepEqual(data.listIndex, migrated.listIndex, 'the same lists, same ids, none twice');
  assert.deepEqual(listsIn(data), LISTS_V1);
});

test('settings and lists survive a reload and an update with a newer catalog', async () => {
  await startFrom({ schema: 1, settings: SETTINGS_V1, lists: LISTS_V1 });
  const before = await dump();
  await reloadExtension();
  assert.deepEqual(await dump(), before, 'a reload changes nothing');

  // The update: a new version, and a newer catalog (its version and date, inside the WASM).
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const bump = (s) => s.slice(0, -1) + (s.endsWith('9') ? '8' : String(Number(s.slice(-1)) + 1));
  const [version, catalogVersion, updated] = [bump(manifest.version), bump(catalog.version), bump(catalog.updated)];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, version }));
  const wasmPath = join(dir, 'wasm/bioflag_bg.wasm');
  const wasm = readFileSync(wasmPath);
  for (const [from, to] of [[`"version": "${catalog.version}"`, `"version": "${catalogVersion}"`], [`"updated": "${catalog.updated}"`, `"updated": "${updated}"`]]) {
    const at = wasm.indexOf(from);
    assert.ok(at > 0 && from.length === to.length, `the catalog's ${from} is in the WASM`);
    wasm.write(to, at);
  }
  writeFileSync(wasmPath, wasm);
  await reloadExtension();

  assert.equal(await worker.evaluate(() => chrome.runtime.getManifest().version), version);
  assert.deepEqual(await dump(), before, 'the update changes nothing stored');
  const options = await optionsPage();
  assert.match(await options.textContent('#catalog'), new RegExp(`^Built-in catalog ${catalogVersion.replace(/\./g, '\\.')}, updated ${updated}`));
  await options.close();
  assert.deepEqual(await flagged('/pages/imported.html'), [['Acme Widgets Ltd', 'acme']]);
});

test('settings and lists survive a browser restart', async () => {
  await startFrom({ schema: 1, settings: SETTINGS_V1, lists: LISTS_V1 });
  const before = await dump();
  await ctx.close();
  await launch();
  await until(async () => (await worker.evaluate(() => chrome.storage.local.get('schema'))).schema === 2, 10000, 'storage read');
  assert.deepEqual(await dump(), before);
  assert.deepEqual(await flagged('/pages/imported.html'), [['Acme Widgets Ltd', 'acme']]);
});

test('two tabs changing settings and lists at once lose nothing', async () => {
  await startFrom({ schema: 1, settings: SETTINGS_V1, lists: [] });
  const [a, b] = [await optionsPage(), await optionsPage()];
  const burst = (p, prefix) => p.evaluate(async (pre) => {
    const store = globalThis.bioflagStorage;
    const work = [];
    for (let i = 0; i < 20; i++) work.push(store.updateSettings((s) => { s.pausedSites.push(`${pre}${i}.example`); }));
    work.push(store.updateSettings((s) => { s.tiers[pre === 'a' ? 'designated' : 'affiliate'] = pre === 'a' ? false : true; }));
    work.push(store.updateLists((lists) => [...lists, { name: `${pre}.json`, text: `{"schema":1,"name":"${pre}","entities":[{"id":"${pre}-co","name":"${pre.toUpperCase()} Reagent Holdings"}]}`, source: 'file', importedAt: '2026-11-26' }]));
    await Promise.all(work);
  }, prefix);
  await Promise.all([burst(a, 'a'), burst(b, 'b')]);
  await a.close();
  await b.close();
  const data = await dump();
  const expectedSites = ['paused.example', ...['a', 'b'].flatMap((p) => Array.from({ length: 20 }, (_, i) => `${p}${i}.example`))];
  assert.deepEqual([...data.settings.pausedSites].sort(), expectedSites.sort());
  assert.equal(data.settings.tiers.designated, false);
  assert.equal(data.settings.tiers.affiliate, true);
  assert.deepEqual(listsIn(data).map((l) => l.name).sort(), ['a.json', 'b.json']);
});

test('two pages pressing card buttons at once (content scripts, through the background) lose nothing', async () => {
  await startFrom({ schema: 1, settings: { ...SETTINGS_V1, exceptions: [] }, lists: [] });
  const second = await ctx.newPage();
  const tabs = [[page, '/pages/split.html', 'bgi-genomics'], [second, '/examples/press-release.html', 'mgi-tech']];
  const read = (p) => p.evaluate(`(() => {${READ_STATE}})()`);
  for (const [p, path, entity] of tabs) {
    await p.goto(server.origin + path);
    // The scan done, with the entity flagged: a "next" before it finds no mention to open.
    const scanned = await idleState(() => read(p), { test: (s) => s.matches.some((m) => m.id === entity), what: `${entity} flagged on ${path}` });
    await p.bringToFront();
    // To this page's tab, found by what it flags (the extension may not read tab URLs), not as
    // "the active tab", which may not have changed yet.
    const answer = await worker.evaluate(async ([ids, e]) => {
      for (const tab of await chrome.tabs.query({})) {
        const status = await chrome.tabs.sendMessage(tab.id, { type: 'status' }, { frameId: 0 }).catch(() => null);
        if (status && JSON.stringify(status.mentions.map((m) => m.id)) === JSON.stringify(ids)) {
          return chrome.tabs.sendMessage(tab.id, { type: 'next', entity: e, focus: true }, { frameId: 0 });
        }
      }
      return null;
    }, [scanned.matches.map((m) => m.id), entity]);
    assert.deepEqual(answer, { ok: true }, `a mention of ${entity} to open`);
    // Scroll the card until its "Not this entity here" button shows.
    const card = (await idleState(() => read(p), { test: (s) => !!s.card, what: `the card of ${entity}` })).card.box;
    await p.mouse.move(card.x + card.width / 2, card.y + card.height / 2);
    await p.mouse.wheel(0, 5000);
  }
  const buttons = [];
  for (const [p] of tabs) {
    // Scrolled into the card's box (the wheel's scroll lands asynchronously).
    buttons.push(await until(async () => {
      const { card } = await read(p);
      const c = card.controls.find((x) => x.label === 'Not this entity here');
      return c && c.y > card.box.y && c.y < card.box.y + card.box.height && c;
    }, 20000, '"Not this entity here" in view'));
  }
  await Promise.all(tabs.map(([p], i) => p.mouse.click(buttons[i].x, buttons[i].y)));
  // Each page's click is sent as a card action; both pages idle with it sent, then the stored
  // settings say what the background made of them.
  for (const [p] of tabs) await idleState(() => read(p), { test: (s) => s.cardActions === 1, what: 'the card action sent' });
  await until(async () => (await dump()).settings.exceptions.length === 2, 20000, 'both exceptions stored').catch(async (e) => {
    throw new Error(`${e.message}: ${JSON.stringify((await dump()).settings.exceptions)}`);
  });
  assert.deepEqual((await dump()).settings.exceptions.map((e) => e.entity).sort(), ['bgi-genomics', 'mgi-tech']);
  await second.close();
});

/** Imports `text` as file `name` through the options page; returns the page's message. */
async function importFile(options, name, text) {
  const before = await options.textContent('#import-result');
  await options.setInputFiles('#file', text.path || { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await until(async () => { const t = await options.textContent('#import-result'); return t && t !== before && t; }, 10000, `import of ${name}`);
  return options.textContent('#import-result');
}

test('hostile list files each say what is wrong, and the lists already there keep working', async () => {
  await startFrom({ schema: 1, settings: { pausedSites: [] }, lists: [LISTS_V1[0]] });
  const options = await optionsPage();
  const listed = () => options.$$eval('#lists li', (lis) => lis.map((li) => li.firstChild.textContent.split(' (')[0]));
  const cases = [
    ['malformed.json', '{"schema": 1, "name": "x",\n "entities": [\n', /“malformed\.json” was not imported; your lists are unchanged:line 3, column 1: EOF while parsing/],
    ['future.json', '{"schema": 99, "name": "v99", "entities": [{"id": "a", "name": "Acme Widgets Ltd"}]}', /field schema: schema version 99 is not supported \(this build reads version 1\)/],
    ['dup.json', '{"schema":1,"name":"dup","entities":[{"id":"a","name":"Acme Widgets Ltd"},{"id":"a","name":"Other Widgets Ltd"}]}', /field entities\[1\]\.id: duplicate id `a`/],
    ['js-url.json', '{"schema":1,"name":"js","sources":[{"id":"s","title":"t","confidence":"secondary","url":"javascript:alert(1)"}],"entities":[{"id":"a","name":"Acme Widgets Ltd","claims":[{"text":"x","source":"s"}]}]}',
      /field sources\[0\]\.url: `javascript:alert\(1\)` is not an https: URL/],
    ['data-url.json', '{"schema":1,"name":"data","sources":[{"id":"s","title":"t","confidence":"secondary","url":"data:text/html,<script>alert(1)</script>"}],"entities":[{"id":"a","name":"Acme Widgets Ltd","claims":[{"text":"x","source":"s"}]}]}',
      /field sources\[0\]\.url: `data:text\/html,<script>alert\(1\)<\/script>` is not an https: URL/],
  ];
  for (const [name, text, expected] of cases) {
    assert.match(await importFile(options, name, text), expected, name);
    assert.deepEqual(await listed(), ['mine.json'], `${name}: lists unchanged`);
  }
  // An enormous file is refused from its size, before it is read: here the browser's storage quota.
  const big = join(mkdtempSync(join(tmpdir(), 'bioflag-big-')), 'enormous.json');
  writeFileSync(big, `{"schema":1,"name":"big","entities":[${'{"id":"x","name":"Padding Padding Ltd"},'.repeat(500000)}{"id":"y","name":"Last One Ltd"}]}`);
  assert.match(await importFile(options, 'enormous.json', { path: big }),
    /^“enormous\.json” is 19\.\d MB, more than \d+\.\d MB \(the space left in this browser's 10\.0 MB of extension storage\)\. Nothing was imported; your lists are unchanged\.$/);
  assert.deepEqual(await listed(), ['mine.json']);
  // URL imports: script and data URLs are refused without a request; a timeout and a web page
  // say why; the list already there is untouched.
  const importUrl = async (url) => {
    await options.fill('#url', url);
    await options.click('#url-form button');
    await until(async () => !(await options.isDisabled('#url-form button')) && !/^Fetching/.test(await options.textContent('#import-result')), 10000, url);
    return options.textContent('#import-result');
  };
  const requests = https.requests.length;
  assert.match(await importUrl('javascript:alert(1)'), /^Only https:\/\/ URLs can be imported, not “javascript:alert\(1\)”\. Nothing was fetched/);
  assert.match(await importUrl('data:application/json,{"schema":1}'), /^Only https:\/\/ URLs can be imported, not “data:application/);
  assert.equal(https.requests.length, requests, 'nothing fetched');
  assert.match(await importUrl(`${https.origin}/hang.json`), /no complete answer within 2 s\. Your lists are unchanged\.$/);
  assert.match(await importUrl(`${https.origin}/page.html`), /it returned a web page \(text\/html\), not a JSON list\. Your lists are unchanged\.$/);
  assert.deepEqual(await listed(), ['mine.json']);
  await options.close();
  assert.deepEqual(await flagged('/pages/imported.html'), [['Acme Widgets Ltd', 'acme']]);
});

test('HTML and script in an imported list show as text: nothing is injected or run, in the card or in options', async () => {
  await startFrom({ schema: 1, settings: { pausedSites: [] }, lists: [] });
  const options = await optionsPage();
  assert.match(await importFile(options, 'evil<img src=x onerror="window.pwned=1">.json', EVIL_WIDGETS), /^Imported “evil<img src=x onerror="window\.pwned=1">\.json”\.What the import read and left out:valid bioflag list: 1 entities, 1 aliases, 1 sources$/);
  await options.waitForSelector('#lists li');
  assert.equal(await options.$$eval('#lists img, #lists script, #lists b, #import-result img', (els) => els.length), 0);
  assert.equal(await options.evaluate(() => window.pwned), undefined);
  await options.close();

  assert.deepEqual(await flagged('/pages/evil.html'), [['Evil Widgets Holdings', 'evil-widgets']]);
  const box = await page.evaluate(() => {
    const r = document.createRange();
    const t = document.querySelector('p').firstChild;
    r.setStart(t, t.data.indexOf('Evil'));
    r.setEnd(t, t.data.indexOf('Evil') + 4);
    const b = r.getBoundingClientRect();
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  const { card } = await until(async () => { const x = await state(); return x.card && x; }, 5000, 'card on hover');
  for (const text of ['<img src=x onerror="window.pwned = \'name\'">Evil Widgets Holdings', '<script>window.pwned = "summary"</script>A summary.',
    '<a href="javascript:window.pwned = \'claim\'">click</a> a claim.', '<iframe src="javascript:parent.pwned = \'quote\'"></iframe>',
    '<img src=x onerror="window.pwned = \'source\'">Report']) {
    assert.ok(card.text.includes(text), `the card shows ${text} as text`);
  }
  // The claim's <a href="javascript:..."> is text, not a control; the only link in reach is the
  // https source's under the claim (its title, markup and all, as its text: the Sources list
  // repeating it stays collapsed until asked).
  const labels = card.controls.map((c) => c.label);
  assert.equal(labels.includes('click'), false);
  assert.deepEqual(labels.filter((l) => l.includes('Report')), ['<img src=x onerror="window.pwned = \'source\'">Report']);
  for (const tag of ['img', 'script', 'iframe']) assert.equal(card.elements.includes(tag), false, `no <${tag}> in the card`);
  // Wait for a state, not a time: an image of our own that fails to load, added after the card
  // opened, fires its error handler after any broken image the card could have injected.
  await page.evaluate(() => {
    const img = new Image();
    img.onerror = () => { window.bioflagTestSentinel = true; };
    img.src = '/no-such-image.png';
    document.body.append(img);
  });
  await until(() => page.evaluate(() => window.bioflagTestSentinel === true), 5000, 'sentinel image error');
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'no script ran in the page');
});

test('the extension made no network request of its own', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
});
