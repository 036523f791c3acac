// List subscriptions and the import report in Chromium: a list imported from an https: URL is
// kept up to date only when the user picks a schedule, with conditional requests; any failure
// keeps the previous list and shows why; the options page shows when a list was last checked
// and changed, and what an import read and left out. The hourly alarm is driven through the
// background's test hook (`bioflagOnAlarm`) with a clock the test picks, not waited for.
//   node --test tests/e2e/subscriptions.chromium.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { startHttpsServer } from './https-server.mjs';
import { testExtension, READ_STATE, until, idleState, repoPath, extensionRequests } from './harness.mjs';

const ALARM = 'bioflag-subscriptions';
const HOUR = 3600 * 1000;
const V1 = '{"schema":1,"name":"Suppliers","entities":[{"id":"quillfen","name":"Quillfen Fasteners Ltd"}]}';
const V2 = '{"schema":1,"name":"Suppliers","entities":[{"id":"quillfen","name":"Quillfen Fasteners Ltd"},{"id":"marrowby","name":"Marrowby Reagent Holdings"}]}';
const RAW = repoPath('../shared/data/lists/raw');

let server;
let https;
let ctx;
let worker;
let id;
let page;
let options;

before(async () => {
  server = await startServer();
  https = await startHttpsServer();
  const dir = testExtension('chromium', { importTimeoutMs: 1500 });
  // The list server's certificate is self-signed. Playwright's ignoreHTTPSErrors covers pages
  // but not the service worker's requests without credentials (its own connection pool), which
  // subscription checks are: the browser-wide switch covers those.
  ({ ctx, worker } = await launchChromiumWith({ server, dir, ignoreHTTPSErrors: true, args: ['--ignore-certificate-errors'] }));
  id = new URL(worker.url()).host;
  page = await ctx.newPage();
  options = await ctx.newPage();
  await options.goto(`chrome-extension://${id}/options/options.html`);
  await options.waitForFunction(() => document.getElementById('catalog').textContent !== '');
});

after(async () => {
  await ctx?.close();
  await https?.close();
  await server?.close();
});

const stored = () => worker.evaluate(() => chrome.storage.local.get(null));
const alarm = () => worker.evaluate((name) => chrome.alarms.get(name), ALARM);
/** The hourly alarm fired at `now` (ms): the results of the lists it checked. */
const fireAlarm = (now) => worker.evaluate(([name, at]) => globalThis.bioflagOnAlarm({ name }, at), [ALARM, now]);

/** The stored list called `name`, with its text and subscription state. */
async function listNamed(name) {
  const data = await stored();
  const l = (data.listIndex || []).find((x) => x.name === name);
  return l && { ...l, text: data[`list:${l.id}`], sub: (data.subscriptions || {})[l.id] };
}

async function flagged(path) {
  await page.goto(server.origin + path);
  const s = await idleState(() => page.evaluate(`(() => {${READ_STATE}})()`), { what: `an idle state on ${path}` });
  // With a list imported, a tab uses the background's engine: the list is built once.
  assert.equal(s.engine, 'remote');
  return s.matches.map((m) => m.id).sort();
}

/** The options page's row of list `name`. */
const row = (name) => options.locator('#lists li', { hasText: name });

async function importUrl(url) {
  await options.fill('#url', url);
  await options.click('#url-form button');
  await until(async () => !(await options.isDisabled('#url-form button')) && !/^Fetching/.test(await options.textContent('#import-result')), 10000, url);
  return options.textContent('#import-result');
}

/** Presses the row's "Update now" and waits for the check to end; returns the row's text. */
async function updateNow(name) {
  const before = (await listNamed(name)).sub?.checkedAt;
  await row(name).locator('button.update-now').click();
  await until(async () => (await listNamed(name)).sub?.checkedAt !== before, 10000, `a check of ${name}`);
  await until(async () => (await row(name).locator('button.update-now').textContent()) === 'Update now', 5000, 'the row re-rendered');
  return row(name).textContent();
}

const conditional = (path) => https.log.filter((r) => r.method === 'GET' && r.path === path).map((r) => [r.headers['if-none-match'], r.headers['if-modified-since']]);

test('a list imported from an https URL is not kept up to date until the user picks a schedule', async () => {
  https.lists.set('suppliers.json', { body: V1, etag: '"v1"' });
  assert.match(await importUrl(`${https.origin}/sub/suppliers.json`), /^Imported “suppliers\.json”\./);
  const l = await listNamed('suppliers.json');
  assert.equal(l.text, V1);
  assert.equal(l.sub.every, null, 'off by default');
  assert.equal(l.sub.etag, '"v1"', 'the validator of the import is kept');
  assert.equal(await row('suppliers.json').locator('select').inputValue(), '');
  assert.match(await row('suppliers.json').textContent(), /last checked .*; last changed /);
  assert.equal(await row('suppliers.json').locator('time').count(), 2);
  assert.equal(await alarm(), undefined, 'no alarm without a subscription');
  const requests = https.requests.length;
  assert.deepEqual(await fireAlarm(Date.now() + 30 * 24 * HOUR), []);
  assert.equal(https.requests.length, requests, 'nothing fetched');
  assert.deepEqual(await flagged('/pages/subscribed.html'), ['quillfen']);
});

test('daily: the alarm checks a due list with If-None-Match, and a 304 changes only the time checked', async () => {
  await row('suppliers.json').locator('select').selectOption('daily');
  await until(async () => (await listNamed('suppliers.json')).sub.every === 'daily', 5000, 'daily stored');
  const a = await until(alarm, 5000, 'the alarm');
  assert.equal(a.periodInMinutes, 60);
  const { sub } = await listNamed('suppliers.json');
  assert.deepEqual(await fireAlarm(sub.checkedAt + HOUR), [], 'not due an hour later');
  assert.deepEqual(conditional('/sub/suppliers.json'), [[undefined, undefined]], 'only the import so far');
  const at = sub.checkedAt + 25 * HOUR;
  const l = await listNamed('suppliers.json');
  assert.deepEqual(await fireAlarm(at), [{ id: l.id, changed: false, error: null }]);
  assert.deepEqual(conditional('/sub/suppliers.json').at(-1), ['"v1"', undefined]);
  const after = await listNamed('suppliers.json');
  assert.equal(after.text, V1);
  assert.equal(after.sub.checkedAt, at);
  assert.equal(after.sub.changedAt, sub.changedAt, 'not changed');
  assert.equal(after.importedAt, l.importedAt);
});

test('a new version is fetched, validated and used at once; the options page says when', async () => {
  https.lists.set('suppliers.json', { body: V2, etag: '"v2"' });
  const text = await updateNow('suppliers.json');
  assert.doesNotMatch(text, /failed/);
  const l = await listNamed('suppliers.json');
  assert.equal(l.text, V2);
  assert.equal(l.sub.etag, '"v2"');
  assert.equal(l.sub.changedAt, l.sub.checkedAt);
  assert.equal(l.sub.every, 'daily', 'the schedule stays');
  assert.deepEqual(await flagged('/pages/subscribed.html'), ['marrowby', 'quillfen']);
});

test('every failed update keeps the previous list and shows why, until an update works', async () => {
  const big = `{"schema":1,"name":"big","entities":[${'{"id":"x","name":"Padding Padding Ltd"},'.repeat(300000)}{"id":"y","name":"Last One Ltd"}]}`;
  const cases = [
    [{ status: 500 }, /the server answered HTTP 500/],
    [{ body: '{"schema":1,"name":"Suppliers","entities":[\n{"id":"a"', etag: '"v3"' }, /the new version was not used: it has 1 problem\(s\), the first at line 2, column \d+/],
    [{ body: '{"schema":1,"name":"Suppliers","entities":[{"id":"a","name":"X"}]}', etag: '"v4"' }, /the new version was not used: it has 1 problem\(s\), the first at line 1, column \d+, field entities\[0\]/],
    [{ body: '<!doctype html><p>Please sign in', type: 'text/html', etag: '"v5"' }, /it returned a web page \(text\/html\), not a JSON list/],
    [{ body: big, etag: '"v6"' }, /it is 1\d\.\d MB, more than \d+\.\d MB \(the space left in this browser's 10\.0 MB of extension storage\)/],
    [{ body: big, etag: '"v7"', chunked: true }, /it is more than \d+\.\d MB \(the space left in this browser's 10\.0 MB of extension storage\)/],
    [{ hang: true }, /no complete answer within 2 s/],
  ];
  for (const [answer, expected] of cases) {
    https.lists.set('suppliers.json', answer);
    const text = await updateNow('suppliers.json');
    assert.match(text, /The last update failed: /, JSON.stringify(answer).slice(0, 80));
    assert.match(await row('suppliers.json').locator('.update-error').textContent(), expected);
    const l = await listNamed('suppliers.json');
    assert.equal(l.text, V2, 'the previous list stays');
    assert.equal(l.sub.etag, '"v2"', 'and its validator');
  }
  assert.deepEqual(await flagged('/pages/subscribed.html'), ['marrowby', 'quillfen'], 'the previous list is in use');
  // A failed check is retried an hour later, not a day later.
  const { sub } = await listNamed('suppliers.json');
  https.lists.set('suppliers.json', { body: V2, etag: '"v2"' });
  assert.deepEqual((await fireAlarm(sub.checkedAt + HOUR + 1000)).map((r) => r.error), [null]);
  assert.deepEqual(conditional('/sub/suppliers.json').at(-1), ['"v2"', undefined], 'the stored version\'s validator');
  await until(async () => (await row('suppliers.json').locator('.update-error').count()) === 0, 5000, 'the error gone');
});

test('a host with Last-Modified only gets If-Modified-Since', async () => {
  const lastModified = 'Tue, 01 Dec 2026 10:00:00 GMT';
  https.lists.set('dated.json', { body: V1, lastModified });
  assert.match(await importUrl(`${https.origin}/sub/dated.json`), /^Imported “dated\.json”\./);
  await updateNow('dated.json');
  assert.deepEqual(conditional('/sub/dated.json'), [[undefined, undefined], [undefined, lastModified]]);
  assert.equal((await listNamed('dated.json')).sub.error, null);
});

test('a host that refuses CORS preflights gets conditional requests all the same', async () => {
  // Chromium sends an extension's conditional request without a CORS preflight (no Origin,
  // `sec-fetch-site: none`): a host that answers none still gets If-None-Match.
  https.lists.set('plain.json', { body: V1, etag: '"p1"', preflight: false });
  assert.match(await importUrl(`${https.origin}/sub/plain.json`), /^Imported “plain\.json”\./);
  https.lists.set('plain.json', { body: V2, etag: '"p2"', preflight: false });
  await updateNow('plain.json');
  const l = await listNamed('plain.json');
  assert.equal(l.sub.error, null);
  assert.equal(l.text, V2);
  assert.deepEqual(conditional('/sub/plain.json').at(-1), ['"p1"', undefined]);
  assert.equal(https.log.some((r) => r.method === 'OPTIONS' && r.path === '/sub/plain.json'), false, 'no preflight');
});

test('removing the subscribed list removes its subscription and the alarm', async () => {
  for (const name of ['suppliers.json', 'dated.json', 'plain.json']) {
    await row(name).locator('button', { hasText: 'Remove' }).click();
    await until(async () => !(await listNamed(name)), 5000, `${name} removed`);
  }
  assert.deepEqual((await stored()).subscriptions, {});
  await until(async () => (await alarm()) === undefined, 5000, 'the alarm cleared');
});

/** Picks `files` (paths or {name, buffer}) in the options page; returns the import's message. */
async function pick(files) {
  const before = await options.textContent('#import-result');
  await options.setInputFiles('#file', files);
  await until(async () => { const t = await options.textContent('#import-result'); return t && t !== before && t; }, 30000, 'the import');
  return options.$$eval('#import-result p, #import-result li', (els) => els.map((e) => e.textContent));
}

test('an import shows its report: records skipped by reason, names made weak, OFAC sdn.csv without alt.csv', async () => {
  const csl = JSON.stringify({
    results: [
      { type: 'Entity', name: 'WAYSIDE CORPORATION', source: 'Test list' },
      { type: 'Individual', name: 'SOMEONE, Invented', source: 'Test list' },
      { type: 'Entity', name: 'QUORVEX DYNAMICS LLC', alt_names: ['DAMASCUS'], source: 'Test list' },
    ],
  }, null, 1);
  const lines = await pick({ name: 'mine.csl.json', mimeType: 'application/json', buffer: Buffer.from(csl) });
  assert.equal(lines[0], 'Imported “mine.csl.json”.');
  assert.match(lines[2], /^valid Consolidated Screening List: 2 entities, \d+ aliases/, lines.join('\n'));
  assert.ok(lines.includes('skipped 1 record(s): Individual'), lines.join('\n'));
  assert.ok(lines.some((l) => /^1 name\(s\) common words once the legal form is removed, matched only with its legal form: WAYSIDE CORPORATION \(line \d+\)$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /the name of a country, territory or capital, or a demonym, .*DAMASCUS \(line \d+\)/.test(l)), lines.join('\n'));
  // No markup from the report: each line is a text node.
  assert.equal(await options.$$eval('#import-result li *', (els) => els.length), 0);
});

test('OFAC\'s sdn.csv alone is imported with a warning; sdn.csv and alt.csv picked together give the alternate names', async () => {
  const alone = await pick([`${RAW}/ofac-sdn-2022.sdn.csv`]);
  assert.ok(alone.some((l) => /^line \d+, column \d+: warning: .*alt\.csv/.test(l)), alone.join('\n'));
  assert.ok(alone.includes('skipped 4643 record(s): Individual'), alone.join('\n'));
  const pair = await pick([`${RAW}/ofac-sdn-2022.sdn.csv`, `${RAW}/ofac-sdn-2022.alt.csv`]);
  assert.equal(pair[0], 'Imported “ofac-sdn-2022.sdn.csv”.');
  assert.equal(pair.some((l) => /alt\.csv/.test(l) && /warning/.test(l) && /without|no alt/.test(l)), false, pair.join('\n'));
  const summary = pair.find((l) => l.startsWith('valid OFAC SDN CSV'));
  const [, entities, aliases] = /: (\d+) entities, (\d+) aliases/.exec(summary);
  const [, aloneAliases] = /: \d+ entities, (\d+) aliases/.exec(alone.find((l) => l.startsWith('valid OFAC SDN CSV')));
  assert.equal(Number(entities), 3701);
  assert.ok(Number(aliases) > Number(aloneAliases), `${aliases} aliases with alt.csv, ${aloneAliases} without`);
  assert.ok(pair.some((l) => /^every name is in capitals, so capitals say nothing/.test(l)), pair.join('\n'));
  assert.ok(pair.some((l) => /BAIKAL \(line \d+\)/.test(l)), 'an alt.csv name in the report');
  assert.equal((await listNamed('ofac-sdn-2022.sdn.csv')).source, 'file');
  assert.equal(await row('ofac-sdn-2022.sdn.csv').locator('.subscription').count(), 0, 'a file has nothing to subscribe to');
});

test('the extension made no network request of its own', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
});
