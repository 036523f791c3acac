// The WASM engine benchmark (bench/wasm-engine.mjs) inside headless Chromium: a page served from
// 127.0.0.1 under a strict CSP that allows WebAssembly ('wasm-unsafe-eval') and nothing else from
// elsewhere imports the benchmark module, which fetches the target/bench files and the wasm from
// the same server. Prints the same Markdown table, for Chromium.
// Inputs: node bench/gen-data.mjs; engine: scripts/build-wasm.sh.
// Usage: node bench/browser.mjs [--json results.json]
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer, CHROMIUM_ARGS } from './server.mjs';

const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

export async function runInChromium() {
  const server = await startServer();
  server.page('/bench/wasm-engine.html', '<!doctype html><meta charset="utf-8"><title>bioflag WASM engine benchmark</title>',
    { 'content-security-policy': CSP });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const violations = [];
    page.on('console', (m) => { if (m.type() === 'error') violations.push(m.text()); });
    await page.goto(`${server.origin}/bench/wasm-engine.html`);
    const where = `Chromium ${browser.version()} (headless)`;
    const out = await page.evaluate(async (where) => {
      const { run } = await import('/bench/wasm-engine.mjs');
      const lines = await run({
        load: async (name) => (await fetch(`/target/bench/${name}`)).text(),
        wasm: fetch('/build/wasm/web/bioflag_bg.wasm'),
        where,
      });
      return { lines: [...lines], results: lines.results };
    }, where);
    if (violations.length) out.lines.push('', `Console errors: ${violations.join('; ')}`);
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await runInChromium();
  console.log(out.lines.join('\n'));
  const json = process.argv.indexOf('--json');
  if (json > 0) writeFileSync(process.argv[json + 1], JSON.stringify(out, null, 1));
}
