// Shared setup for the website tests: builds nothing (scripts/test.sh builds the site first),
// serves www/dist with the site's own server on 127.0.0.1, drives Chromium through
// playwright-core, and watches every page for requests that leave the server, console errors
// and uncaught exceptions.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startServer } from '../../www/serve.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshots = join(root, 'tests/site/screenshots');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

export async function startSite() {
  const dist = join(root, 'www/dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error('www/dist is not built: run node www/build.mjs');
  mkdirSync(screenshots, { recursive: true });
  const server = await startServer({ root: dist, port: 0 });
  const { url } = server;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A new page in a fresh context, with `problems` collecting every request that is not for the
 * site itself, every console error and every uncaught exception. Tests assert it stays empty.
 */
export async function openPage(site, path = '', options = {}) {
  const context = await site.browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(site.url).origin;
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request left the site: ${u}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  if (path !== null) await page.goto(new URL(path, site.url).href);
  return { page, context, problems };
}

/** axe-core violations on the current page, as readable strings. */
export async function axeViolations(page) {
  // Evaluated rather than added as a <script>: the site's CSP refuses inline scripts (and
  // Playwright's evaluate is not subject to it).
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  });
  return result;
}

/** Expected entity ids per example file, from examples/README.md ("Flags: `a`, `b`." / "Flags: none."). */
export function expectedFlags() {
  const readme = readFileSync(join(root, 'examples/README.md'), 'utf8');
  const out = {};
  for (const line of readme.split('\n')) {
    const file = line.match(/^- `([^`]+\.(?:html|txt))`/);
    const flags = line.match(/Flags: (none|`.*`)\.\s*$/);
    if (file && flags) out[file[1]] = flags[1] === 'none' ? [] : [...flags[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
  }
  return out;
}

export function catalogIds() {
  return JSON.parse(readFileSync(join(root, 'data/catalog.json'), 'utf8')).entities.map((e) => e.id).sort();
}
