// Builds the website into www/dist/: copies the pages, styles and scripts from www/src/, the WASM
// engine (build/wasm/web/), the shared card component (extension/src/ui/card.js, copied as is,
// never forked), the bundled examples and the extension zips when they exist; fills the pages'
// build markers (`<!--@name-->`) with the shared header/footer and facts from data/catalog.json.
//
// Run: node www/build.mjs   (after scripts/build-wasm.sh)
// No bundler and no framework: the output is the source plus data, so what the tests exercise is
// what was written.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { catalogMarkers } from './tools/catalog-facts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'www/src');
const dist = join(root, 'www/dist');
const wasmDir = join(root, 'build/wasm/web');
const cardScript = join(root, 'extension/src/ui/card.js');
const extensionDist = join(root, 'extension/dist');

/** Pages and their titles in the navigation, in menu order. */
const PAGES = [
  { file: 'index.html', label: 'Playground' },
  { file: 'directory.html', label: 'Directory' },
  { file: 'methodology.html', label: 'Methodology' },
  { file: 'install.html', label: 'Install' },
];

function fail(message) {
  console.error(`build-site: ${message}`);
  process.exit(1);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** The card's stylesheet, taken from the shared component itself so the two never drift. It is
 * written to a file because the site's CSP (style-src 'self') refuses inline <style>. */
function cardCss() {
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(cardScript, 'utf8'), sandbox, { filename: cardScript });
  if (!sandbox.bioflagCard || typeof sandbox.bioflagCard.css !== 'string') fail(`${cardScript} did not define bioflagCard.css`);
  return sandbox.bioflagCard.css;
}

function navHtml(current) {
  const items = PAGES.map(({ file, label }) => {
    const here = file === current ? ' aria-current="page"' : '';
    return `<li><a href="${file === 'index.html' ? './' : file}"${here}>${label}</a></li>`;
  });
  return `<ul class="nav-list">${items.join('')}</ul>`;
}

/** The example files the playground offers: [{file, title, kind}], titles from <title> or line 1. */
function examplesManifest() {
  const dir = join(root, 'examples');
  return readdirSync(dir)
    .filter((f) => /\.(html|txt)$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const kind = file.endsWith('.html') ? 'html' : 'text';
      const raw = kind === 'html' ? (text.match(/<title>([^<]*)<\/title>/i) || [])[1] : text.split('\n').find((l) => l.trim());
      const title = (raw || file)
        .replace(/&ndash;|&#8211;/g, '–')
        .replace(/&amp;/g, '&')
        .trim();
      return { file, kind, title };
    });
}

/** Extension zips built by the extension's own build, if any (linked from the Install page). */
function extensionZips() {
  if (!existsSync(extensionDist)) return [];
  return readdirSync(extensionDist).filter((f) => f.endsWith('.zip')).sort();
}

function downloadsHtml(zips) {
  if (!zips.length) {
    return '<p class="notice" id="no-downloads">The extension packages were not built when this site was built. '
      + 'In a checkout of the repository, run <code>scripts/build-extension.sh</code> (it writes '
      + '<code>extension/dist/*.zip</code>), then <code>node www/build.mjs</code> to link them here.</p>';
  }
  const forBrowser = (z) => (/chrom/i.test(z) ? ' — for Chromium, Chrome, Edge, Brave' : /firefox/i.test(z) ? ' — for Firefox' : '');
  const items = zips.map((z) => `<li><a href="downloads/${encodeURIComponent(z)}" download>${escapeHtml(z)}</a>${forBrowser(z)}</li>`);
  return `<ul class="downloads" id="downloads">${items.join('')}</ul>`;
}

function build() {
  if (!existsSync(join(wasmDir, 'bioflag.js'))) fail('build/wasm/web/bioflag.js is missing: run scripts/build-wasm.sh first');
  if (!existsSync(cardScript)) fail(`${cardScript} is missing`);
  const catalog = JSON.parse(readFileSync(join(root, 'data/catalog.json'), 'utf8'));

  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  cpSync(join(src, 'css'), join(dist, 'css'), { recursive: true });
  cpSync(join(src, 'js'), join(dist, 'js'), { recursive: true });
  writeFileSync(join(dist, 'css/card.css'), cardCss());
  cpSync(join(src, 'favicon.svg'), join(dist, 'favicon.svg'));
  cpSync(cardScript, join(dist, 'js/card.js'));
  mkdirSync(join(dist, 'wasm'));
  for (const f of ['bioflag.js', 'bioflag_bg.wasm']) cpSync(join(wasmDir, f), join(dist, 'wasm', f));

  mkdirSync(join(dist, 'examples'));
  const examples = examplesManifest();
  for (const { file } of examples) cpSync(join(root, 'examples', file), join(dist, 'examples', file));
  writeFileSync(join(dist, 'examples/index.json'), JSON.stringify(examples, null, 1));

  const zips = extensionZips();
  if (zips.length) {
    mkdirSync(join(dist, 'downloads'));
    for (const z of zips) cpSync(join(extensionDist, z), join(dist, 'downloads', z));
  }

  const header = readFileSync(join(src, 'partials/header.html'), 'utf8');
  const footer = readFileSync(join(src, 'partials/footer.html'), 'utf8');
  const facts = catalogMarkers(catalog, escapeHtml);
  for (const { file } of PAGES) {
    const markers = {
      ...facts,
      header: header.replace('<!--@nav-->', navHtml(file)),
      footer,
      downloads: downloadsHtml(zips),
    };
    const html = readFileSync(join(src, file), 'utf8').replace(/<!--@([a-z-]+)-->/g, (m, name) => {
      if (!(name in markers)) fail(`${file}: unknown build marker ${m}`);
      return markers[name];
    });
    // Markers inside the header/footer (catalog version) are filled by a second pass.
    const filled = html.replace(/<!--@([a-z-]+)-->/g, (m, name) => markers[name] ?? fail(`${file}: unknown build marker ${m}`));
    writeFileSync(join(dist, file), filled);
  }
  console.log(`site: www/dist/ built (${PAGES.length} pages, ${examples.length} examples, catalog ${catalog.version}, `
    + `${zips.length ? `${zips.length} extension zip(s)` : 'no extension zips yet'})`);
}

build();
