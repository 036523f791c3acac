// Tiny static server for the browser benchmarks, on 127.0.0.1 with a random port.
//   /bench/*, /build/wasm/web/*, /target/bench/*, /node_modules/mark.js/dist/*   files of the repo
//   anything registered with `page(path, body, headers)`                          generated pages
// A file's response waits `?delay=` milliseconds when asked to.
// Every response is `cache-control: no-store`; `.wasm` is served as application/wasm (streaming
// compilation). Per-page headers carry the CSPs the benchmarks need.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const ROOTS = ['/bench/', '/build/wasm/web/', '/target/bench/', '/node_modules/mark.js/dist/'];
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css',
};

export async function startServer() {
  const pages = new Map();
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    const generated = pages.get(path);
    if (generated) {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store', ...generated.headers }).end(generated.body);
      return;
    }
    // ?delay=ms holds the response back (a parser-blocking script that lets the page paint first).
    const delay = Number(new URL(req.url, 'http://127.0.0.1').searchParams.get('delay') || 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, Math.min(delay, 10000)));
    const file = normalize(join(repo, path));
    if (!ROOTS.some((root) => path.startsWith(root)) || !file.startsWith(repo)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    /** Serves `body` (HTML) at `path` with extra response `headers`. */
    page: (path, body, headers = {}) => pages.set(path, { body, headers }),
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

/** Flags for every benchmark browser: quiet, no network of its own, no GPU. */
export const CHROMIUM_ARGS = [
  '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps',
];
