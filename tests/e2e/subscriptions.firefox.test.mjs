// List subscriptions in Firefox, whose background is an event page rather than a service worker:
// the alarm (through the background's test hook) checks a subscribed list with If-None-Match, a
// new version is used, a failure keeps the previous list, and a host that answers no CORS
// preflight still gets conditional requests (Firefox sends an extension's without one).
//   node --test tests/e2e/subscriptions.firefox.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { startServer } from './server.mjs';
import { startHttpsServer } from './https-server.mjs';
import { launchFirefox, openFirefoxTab } from './browsers.mjs';
import { READ_STATE, until, idleState, extensionRequests } from './harness.mjs';

const HOUR = 3600 * 1000;
const V1 = '{"schema":1,"name":"Suppliers","entities":[{"id":"quillfen","name":"Quillfen Fasteners Ltd"}]}';
const V2 = '{"schema":1,"name":"Suppliers","entities":[{"id":"quillfen","name":"Quillfen Fasteners Ltd"},{"id":"marrowby","name":"Marrowby Reagent Holdings"}]}';

let server;
let https;
let driver;
let host;
let fixture;
let options;

before(async () => {
  server = await startServer();
  https = await startHttpsServer();
  ({ driver, host } = await launchFirefox({ server, flags: { importTimeoutMs: 2000 } }));
  fixture = await driver.getWindowHandle();
  options = await openFirefoxTab(driver, `moz-extension://${host}/options/options.html`);
  await until(() => driver.executeScript("return document.getElementById('catalog').textContent"), 5000, 'options rendered');
});

after(async () => {
  await driver?.quit();
  await https?.close();
  await server?.close();
});

/** Runs `script` in the options tab (which stays the driver's current tab between steps). */
const inOptions = async (script, ...args) => {
  await driver.switchTo().window(options);
  return driver.executeScript(script, ...args);
};

/** The stored list called `name`, with its text and subscription state. */
const listNamed = (name) => inOptions(`return browser.storage.local.get(null).then((d) => {
  const l = (d.listIndex || []).find((x) => x.name === arguments[0]);
  return l ? { ...l, text: d['list:' + l.id], sub: (d.subscriptions || {})[l.id] } : null;
})`, name);

/** The background's alarm listener, called with the clock at `now`. */
const fireAlarm = (now) => inOptions(`return browser.runtime.getBackgroundPage()
  .then((bg) => bg.bioflagOnAlarm({ name: 'bioflag-subscriptions' }, arguments[0]))
  .then((r) => JSON.parse(JSON.stringify(r)))`, now);

async function importUrl(url) {
  await driver.switchTo().window(options);
  const field = await driver.findElement(By.id('url'));
  await field.clear();
  await field.sendKeys(url);
  await driver.findElement(By.css('#url-form button')).click();
  return until(async () => {
    const t = await driver.executeScript("return document.getElementById('import-result').textContent");
    return !/^Fetching/.test(t) && t;
  }, 10000, url);
}

/** "Update now" on the row of list `name`, and the check's end. */
async function updateNow(name) {
  const before = (await listNamed(name)).sub.checkedAt;
  await inOptions(`[...document.querySelectorAll('#lists li')].find((li) => li.textContent.startsWith(arguments[0])).querySelector('button.update-now').click()`, name);
  await until(async () => (await listNamed(name)).sub.checkedAt !== before, 10000, `a check of ${name}`);
}

const gets = (path) => https.log.filter((r) => r.method === 'GET' && r.path === path).map((r) => r.headers['if-none-match']);

async function flagged(path) {
  await driver.switchTo().window(fixture);
  await driver.get(server.origin + path);
  const s = await idleState(() => driver.executeScript(`return (() => {${READ_STATE}})()`), { what: `an idle state on ${path}` });
  assert.equal(s.engine, 'remote', 'the list is the background\'s');
  return s.matches.map((m) => m.id).sort();
}

test('subscribed daily: a 304, a new version used, a failure keeping the previous list', async () => {
  https.lists.set('suppliers.json', { body: V1, etag: '"v1"' });
  assert.match(await importUrl(`${https.origin}/sub/suppliers.json`), /^Imported “suppliers\.json”\./);
  assert.equal((await listNamed('suppliers.json')).sub.every, null, 'off by default');
  assert.deepEqual(await fireAlarm(Date.now() + 30 * 24 * HOUR), [], 'nothing checked unsubscribed');

  await inOptions(`const s = document.querySelector('#lists li select'); s.value = 'daily'; s.dispatchEvent(new Event('change'));`);
  await until(async () => (await listNamed('suppliers.json')).sub.every === 'daily', 5000, 'daily stored');
  const alarm = await until(() => inOptions("return browser.alarms.get('bioflag-subscriptions')"), 5000, 'the alarm');
  assert.equal(alarm.periodInMinutes, 60);

  const l = await listNamed('suppliers.json');
  assert.deepEqual(await fireAlarm(l.sub.checkedAt + 25 * HOUR), [{ id: l.id, changed: false, error: null }]);
  assert.equal(gets('/sub/suppliers.json').at(-1), '"v1"');

  https.lists.set('suppliers.json', { body: V2, etag: '"v2"' });
  await updateNow('suppliers.json');
  assert.equal((await listNamed('suppliers.json')).text, V2);
  assert.deepEqual(await flagged('/pages/subscribed.html'), ['marrowby', 'quillfen']);

  https.lists.set('suppliers.json', { status: 503 });
  await updateNow('suppliers.json');
  const failed = await listNamed('suppliers.json');
  assert.match(failed.sub.error, /the server answered HTTP 503/);
  assert.equal(failed.text, V2);
  await until(() => inOptions("return (document.querySelector('#lists .update-error') || {}).textContent"), 5000, 'the error shown');
  assert.deepEqual(await flagged('/pages/subscribed.html'), ['marrowby', 'quillfen']);
});

test('a host that refuses CORS preflights gets conditional requests all the same', async () => {
  https.lists.set('plain.json', { body: V1, etag: '"p1"', preflight: false });
  assert.match(await importUrl(`${https.origin}/sub/plain.json`), /^Imported “plain\.json”\./);
  https.lists.set('plain.json', { body: V2, etag: '"p2"', preflight: false });
  await updateNow('plain.json');
  const l = await listNamed('plain.json');
  assert.equal(l.sub.error, null);
  assert.equal(l.text, V2);
  const methods = https.log.filter((r) => r.path === '/sub/plain.json').map((r) => r.method);
  // The import, then the conditional check, with no preflight.
  assert.deepEqual(methods, ['GET', 'GET']);
  assert.deepEqual(gets('/sub/plain.json'), [undefined, '"p1"']);
});

test('the extension made no network request of its own', async () => {
  assert.deepEqual(extensionRequests(server.external), []);
});
