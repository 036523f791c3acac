// The CLI and the extension give the same answer on the same page: every document of the
// accuracy corpus (tests/fixtures/accuracy/corpus.txt, one <p> per block) and the example pages,
// scanned by `bioflag scan --format json` and by the extension in Chromium, flag the same
// (entity, matched text) pairs in the same order, and both flag what a careful reader would.
//   node --test tests/e2e/agreement.chromium.test.mjs   (needs target/debug/bioflag: cargo build)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './server.mjs';
import { launchChromiumWith } from './browsers.mjs';
import { testExtension, repoPath, EXPECTED, READ_STATE, idleState } from './harness.mjs';

/** The corpus's documents: {line, cls, expected: [ids], blocks: [text]} (format in its header). */
function corpusDocuments() {
  const docs = [];
  const lines = readFileSync(repoPath('tests/fixtures/accuracy/corpus.txt'), 'utf8').split('\n');
  lines.forEach((line, i) => {
    const head = /^== (\S+) \| (.*)$/.exec(line);
    if (head) {
      const expected = head[2].trim() === '-' ? [] : head[2].split(',').map((s) => s.trim());
      docs.push({ line: i + 1, cls: head[1], expected: expected.sort(), blocks: [] });
    } else if (docs.length && line.trim() && !line.startsWith('#')) {
      docs.at(-1).blocks.push(line);
    }
  });
  return docs;
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pageOf = (doc) => `<!doctype html>\n<html><head><meta charset="utf-8"><title>document</title></head><body>\n${
  doc.blocks.map((b) => `<p>${escapeHtml(b)}</p>`).join('\n')}\n</body></html>\n`;

const CLI = repoPath('target/debug/bioflag');
const docs = corpusDocuments();
const dir = mkdtempSync(join(tmpdir(), 'bioflag-agreement-'));
const EXAMPLES = Object.keys(EXPECTED).filter((p) => p.startsWith('/examples/'));

/** (entity, text) pairs the CLI flags in each file, by file path. */
function cliFlags(paths) {
  let out;
  try {
    out = execFileSync(CLI, ['scan', '--format', 'json', '-j', '1', ...paths], { encoding: 'utf8' });
  } catch (e) {
    // Exit status 1 means "something flagged"; the JSON is on stdout all the same.
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  const byPath = new Map();
  for (const line of out.split('\n').filter(Boolean)) {
    const file = JSON.parse(line);
    byPath.set(file.path, file.matches.map((m) => [m.entity, m.text]));
  }
  return byPath;
}

let server;
let ctx;
let page;
let cli;

before(async () => {
  assert.ok(existsSync(CLI), `${CLI} missing: run cargo build`);
  const paths = docs.map((doc, i) => {
    const path = join(dir, `doc-${i}.html`);
    writeFileSync(path, pageOf(doc));
    return path;
  });
  cli = cliFlags([...paths, ...EXAMPLES.map((p) => repoPath(p.slice(1)))]);
  server = await startServer();
  ({ ctx } = await launchChromiumWith({ server, dir: testExtension('chromium') }));
  page = await ctx.newPage();
  // The corpus pages are served from the test's own origin by interception: same documents the
  // CLI read, byte for byte.
  await page.route(`${server.origin}/agreement/*`, (route) => {
    const i = Number(new URL(route.request().url()).pathname.split('/').pop());
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(dir, `doc-${i}.html`)) });
  });
});

after(async () => {
  await ctx?.close();
  await server?.close();
});

async function extensionFlags(path) {
  await page.goto(server.origin + path);
  const s = await idleState(() => page.evaluate(`(() => {${READ_STATE}})()`), { what: `an idle bioflag state on ${path}` });
  return s.matches.map((m) => [m.id, m.text]);
}

const idsOf = (pairs) => [...new Set(pairs.map(([id]) => id))].sort();

test('the CLI and the extension flag the same names on every accuracy document', async () => {
  const disagree = [];
  for (const [i, doc] of docs.entries()) {
    const fromCli = cli.get(join(dir, `doc-${i}.html`)) || [];
    const fromExtension = await extensionFlags(`/agreement/${i}`);
    if (JSON.stringify(fromCli) !== JSON.stringify(fromExtension)) {
      disagree.push({ line: doc.line, cls: doc.cls, cli: fromCli, extension: fromExtension });
    }
    // Agreement on a wrong answer is no comfort: both must also be what the reader flags.
    assert.deepEqual(idsOf(fromExtension), doc.expected, `corpus.txt:${doc.line} (class ${doc.cls})`);
  }
  assert.deepEqual(disagree, [], 'documents where the CLI and the extension differ');
  assert.ok(docs.length >= 70, `only ${docs.length} documents read from the corpus`);
});

test('the CLI and the extension flag the same names on the example pages', async () => {
  for (const path of EXAMPLES) {
    const fromCli = cli.get(repoPath(path.slice(1)));
    assert.ok(fromCli, `the CLI reported nothing for ${path}`);
    assert.deepEqual(await extensionFlags(path), fromCli, path);
    assert.deepEqual(idsOf(fromCli), [...EXPECTED[path]].sort(), path);
  }
});
