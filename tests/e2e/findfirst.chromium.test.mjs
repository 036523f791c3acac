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
