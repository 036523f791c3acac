// The element model's cases (tests/fixtures/html-blocks.json; the CLI runs them in
// src/bin/bioflag/html.rs) through the website's reader (www/src/js/extract-text.js, as built)
// and the extension's (extension/src/content/blocks.js) in Chromium: all three read the same
// blocks from the same HTML.
//   node --test tests/site/elements.test.mjs   (after node www/build.mjs)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { root } from './harness.mjs';
import { scriptPage } from '../e2e/script-page.mjs';

const FILES = {
  '/constants.js': 'www/dist/js/constants.js',
  '/extract-text.js': 'www/dist/js/extract-text.js',
  '/platform.js': 'extension/src/shared/platform.js',
  '/blocks.js': 'extension/src/content/blocks.js',
};
const { cases } = JSON.parse(readFileSync(join(root, 'tests/fixtures/html-blocks.json'), 'utf8'));

let browser;
let page;

before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--disable-gpu', '--no-proxy-server'] });
  page = await scriptPage(browser, FILES, ['/constants.js', '/platform.js', '/blocks.js']);
});

after(async () => {
  await browser?.close();
});

test('the website and the extension read the blocks the CLI reads', async () => {
  assert.ok(cases.length >= 10);
  const results = await page.evaluate(async (all) => {
    const { htmlToBlocks } = await import('/extract-text.js');
    const { blocksIn, TICK } = globalThis.bioflagBlocks;
    const tidy = (texts) => texts.map((t) => t.replace(/[ \t\n\r\f]+/g, ' ').trim()).filter(Boolean);
    return all.map(({ html }) => {
      const host = document.createElement('div');
      document.body.replaceChildren(host);
      host.setHTMLUnsafe(html);
      const extension = tidy([...blocksIn(host)].filter((b) => b !== TICK).map((b) => b.text));
      return { website: tidy(htmlToBlocks(html)), extension };
    });
  }, cases);
  cases.forEach(({ html, blocks }, i) => {
    assert.deepEqual(results[i].website, blocks, `website: ${html}`);
    assert.deepEqual(results[i].extension, blocks, `extension: ${html}`);
  });
});
