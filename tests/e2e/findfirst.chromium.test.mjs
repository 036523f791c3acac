// Find first, end to end in Chromium: the extension as built (its text searched for candidates
// first, only those blocks walked exactly) flags and paints exactly what the same extension
// walking every block does (the test build's `fullWalk` flag), on the fixtures, in one session.
//   node --test tests/e2e/findfirst.chromium.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { testExtension, EXPECTED, READ_STATE, idleState } from './harness.mjs';

let server;
const sides = {};

before(async () => {
  server = await startServer();
  for (const [name, flags] of [['find', {}], ['full', { fullWalk: true }]]) {
    const { ctx } = await launchChromiumWith({ server, dir: testExtension('chromium', flags) });
    sides[name] = { ctx, page: await ctx.newPage() };
  }
});

after(async () => {
  for (const s of Object.values(sides)) await s.ctx?.close();
  await server?.close();
});

const state = (page) => page.evaluate(`(() => {${READ_STATE}})()`);

async function open(side, path) {
  const { page } = sides[side];
  await page.goto(server.origin + path);
  return idleState(() => state(page), { what: `an idle bioflag state on ${path} (${side})` });
}

/** What a state says was flagged: every match (text, entity, tier, evidence) and every painted text. */
const flagged = (s) => ({ matches: s.matches, painted: s.painted });

const PAGES = ['/pages/findfirst.html', ...Object.keys(EXPECTED), '/pages/mentions.html', '/pages/split.html', '/pages/shadow.html', '/pages/hidden.html'];

for (const path of PAGES) {
  test(`find first flags what the full walk flags on ${path}`, async () => {
    const find = await open('find', path);
    const full = await open('full', path);
    assert.deepEqual(flagged(find), flagged(full));
  });
}

test('find first on a page of traps: names in scripts, styles, hidden, editable and form text are candidates only', async () => {
  const s = await open('find', '/pages/findfirst.html');
  assert.deepEqual(s.matches.map((m) => [m.text, m.id]), [
    ['BGI Genomics', 'bgi-genomics'],
    ['MGI Tech', 'mgi-tech'],
    ['Forensic Genomics International', 'forensic-genomics-international'],
    ['WuXi AppTec', 'wuxi-apptec'],
    ['华大基因', 'bgi-genomics'],
    ['ＢＧＩ Genomics', 'bgi-genomics'],
    ['B\u00adGI Group', 'bgi-group'],
    ['Complete Genomics, Inc.', 'complete-genomics'],
    ['MGI Tech', 'mgi-tech'],
    ['Forensic Genomics International', 'forensic-genomics-international'],
  ]);
  // Only blocks that hold a candidate were walked exactly, and the whole text was searched.
  assert.ok(s.stats.exactRoots > 0 && s.stats.findChars > 0, JSON.stringify(s.stats));
});

/** The same changes in both browsers, then each one's state once idle. */
async function mutated(path, change) {
  const out = {};
  for (const side of ['find', 'full']) {
    const before = await open(side, path);
    await sides[side].page.evaluate(change);
    out[side] = await idleState(() => state(sides[side].page), {
      what: `the changes scanned (${side})`, test: (s) => s.stats.flushes > before.stats.flushes,
    });
  }
  return out;
}

test('incremental updates are found first too: added subtrees, edited text, new shadow roots, revealed text', async () => {
  const { find, full } = await mutated('/pages/findfirst.html', () => {
    const p = document.createElement('p');
    p.innerHTML = 'Added: <b>WuXi</b> AppTec, <span hidden>BGI Group</span> and <script>"MGI Tech"</script> DNA sequencing by MGI.';
    document.body.append(p);
    const item = document.querySelector('li');
    item.firstChild.data = 'Complete Genomics and Forensic Genomics ';
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Shadow added: BGI Genomics</p>';
    document.getElementById('last').before(host);
    document.querySelector('.gone').className = '';
    const wrapper = document.getElementById('wrapper');
    wrapper.append(' Wrapper text added: MGI Tech.');
    const area = document.createElement('div');
    area.contentEditable = 'true';
    area.textContent = 'WuXi AppTec in a new editable region';
    document.body.append(area);
  });
  assert.deepEqual(flagged(find), flagged(full));
  const texts = find.matches.map((m) => m.text);
  // The page defines MGI as the McKinsey Global Institute: the added bare "MGI" flags nothing.
  for (const t of ['WuXi AppTec', 'Complete Genomics', 'BGI Genomics']) assert.ok(texts.includes(t), `${t} in ${texts}`);
  assert.ok(!texts.includes('MGI'), texts.join());
  assert.equal(texts.filter((t) => t === 'MGI Tech').length, 3, texts.join());
});

test('incremental rounds on the mentions fixture end where the full walk ends', async () => {
  const { find, full } = await mutated('/pages/mentions.html', () => {
    const p = document.createElement('p');
    p.innerHTML = 'Appended: WuXi AppTec and <b>Complete</b> Genomics.';
    document.body.append(p);
    document.getElementById('m2').append(' Also MGI Tech.');
    document.getElementById('m3').remove();
    document.getElementById('first-link').firstChild.remove();
    document.body.insertBefore(document.getElementById('m4'), document.getElementById('m1'));
  });
  assert.deepEqual(flagged(find), flagged(full));
  assert.ok(find.matches.some((m) => m.id === 'wuxi-apptec'));
});

test('a frame whose text names nobody loads no engine; one that starts naming somebody does', async () => {
  const s = await open('find', '/pages/infinite.html');
  assert.equal(s.gate, true);
  assert.equal(s.engine, null);
  // The page's own world cannot see our globals; the gate's state is the witness, and a name
  // added later loads the engine and is flagged.
  await sides.find.page.evaluate(() => { window.addPost(); window.addPost(); });
  const after = await idleState(() => state(sides.find.page), { what: 'the added post scanned', test: (x) => x.matches.length > 0 });
  assert.equal(after.engine, 'local');
  assert.equal(after.gate, undefined);
});
