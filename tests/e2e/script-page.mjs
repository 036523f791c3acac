// A blank page on a made-up origin that loads some of the repository's scripts, in order, for
// tests that run extension modules (blocks.js, find.js, the engine) outside the extension.
// Requests are answered from the files named; anything else is a 404.
import { readFileSync } from 'node:fs';
import { repoPath } from './harness.mjs';

const ORIGIN = 'http://bioflag.test';
const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * @param {import('playwright-core').Browser} browser
 * @param {Record<string, string>} files  served path -> repository path
 * @param {string[]} load  served paths added as classic scripts, in this order (the others, a
 *   wasm or an ES module the test imports, are only served)
 * @returns {Promise<import('playwright-core').Page>}
 */
export async function scriptPage(browser, files, load) {
  const served = new Map(Object.entries(files));
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><html><head></head><body></body></html>' });
    const file = served.get(path);
    if (!file) return route.fulfill({ status: 404, body: '' });
    let body;
    try {
      body = readFileSync(repoPath(file));
    } catch (e) {
      // Thrown here it would be lost inside Playwright's route handler and the page would wait
      // for ever; answered, the script tag fails and says why (a build not run, say).
      return route.fulfill({ status: 500, body: String(e) });
    }
    return route.fulfill({ contentType: TYPES[file.slice(file.lastIndexOf('.'))], body });
  });
  await page.goto(`${ORIGIN}/`);
  for (const path of load) {
    await page.addScriptTag({ url: path }).catch((e) => {
      throw new Error(`${path} (${served.get(path)}) did not load: ${e.message}`);
    });
  }
  return page;
}
