// Tiny static server for the e2e tests, on 127.0.0.1 with a random port.
//   /pages/*     tests/e2e/pages (fixtures written for the extension tests)
//   /examples/*  examples/ (the README's example pages, reused as fixtures)
// Per-page headers: files named csp-*.html are served with `Content-Security-Policy:
// script-src 'self'` (the CSP that makes Chromium refuse content-script WASM).
// It doubles as the browsers' HTTP proxy: any request that is not for this server (absolute-form
// URL or CONNECT) is recorded in `external` and refused, so tests can assert nothing left 127.0.0.1.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const roots = { pages: join(here, 'pages'), examples: join(here, '../../examples') };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain; charset=utf-8', '.csv': 'text/csv' };

export async function startServer() {
  const external = [];
  const served = [];
  const server = createServer(async (req, res) => {
    if (/^https?:\/\//.test(req.url) && !req.url.startsWith(`http://127.0.0.1:${server.address().port}/`)) {
      external.push(req.url);
      res.writeHead(502).end();
      return;
    }
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    served.push(path);
    const [, root, ...rest] = path.split('/');
    const base = roots[root];
    const file = base && normalize(join(base, ...rest));
    if (!file || !file.startsWith(base)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (/\/csp-[^/]*$/.test(file)) headers['content-security-policy'] = "script-src 'self'";
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  server.on('connect', (req, socket) => {
    external.push(`CONNECT ${req.url}`);
    // The browser may reset a refused tunnel before our answer is out: not an error of the test.
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  server.on('clientError', (e, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, port, external, served, close: () => new Promise((r) => server.close(r)) };
}
