// The one static file server of the repository, on 127.0.0.1: the website (www/serve.mjs), the
// extension's end-to-end tests (tests/e2e/server.mjs, tests/e2e/https-server.mjs) and the
// browser benchmarks (bench/server.mjs, bench/real-pages.mjs) are each a set of options here.
//
//   const s = await startServer({ mounts: { '/pages/': dir }, ... });
//   s.origin, s.url, s.port   where it listens ('http://127.0.0.1:PORT', the same with '/', PORT)
//   s.requests                the path of every request it answered, in order
//   s.external                with `proxy`: every request that was meant for another host
//   s.page(path, body, hdrs)  serves `body` (HTML) at `path`, before any file
//   s.route(path, handler)    hands requests for `path` to `handler(req, res, headers)`, where
//                             `headers` are those of every response (lower-cased names)
//   s.close()                 ends open connections (a request left hanging too), then stops
//
// Options (all optional):
//   mounts      { '/prefix/': directory }: a URL under a prefix is the file of that directory;
//               '/' mounts a directory at the root. Nothing outside the directories is served.
//   index       the file served for a path ending in '/' (the site: 'index.html'), else 404
//   headers     headers of every response, errors included (the site's security headers,
//               CORS for a list host)
//   fileHeaders (urlPath, file) => headers added to (or replacing) a file's own: per-page CSPs,
//               a content type other than the extension's
//   cache       the Cache-Control of every response (default 'no-store': tests and benchmarks
//               must never see a stale build)
//   proxy       doubles as the browsers' HTTP proxy: a request for another host (absolute-form
//               URL or CONNECT) is recorded in `external` and refused with 502, so tests can
//               assert that nothing left 127.0.0.1
//   https       serves https with a throwaway self-signed certificate for 127.0.0.1, made by
//               openssl at start (no key is kept anywhere); the browsers are told to accept it
//   delay       a file's response waits `?delay=MS` milliseconds (at most 10 s) when asked to
//   port        the port (default 0: a free one)
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const HOST = '127.0.0.1';

/** Content types by file extension; anything else is application/octet-stream. */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // streaming compilation needs exactly this type
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.zip': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Headers merged by lower-cased name, so a later 'content-type' replaces an earlier 'Content-Type'. */
function merge(...sets) {
  const out = {};
  for (const set of sets) for (const [name, value] of Object.entries(set)) out[name.toLowerCase()] = value;
  return out;
}

/** The longest wait `?delay=` may ask for, so a typo cannot hang a benchmark. */
const MAX_DELAY_MS = 10000;

/** A key and a self-signed certificate for 127.0.0.1, valid two days, never written to the repository. */
function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'bioflag-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=IP:${HOST}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The file for a URL path under the mounts, or null (no mount, outside its directory, bad path). */
function mountedFile(mounts, urlPath, index) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  // The longest prefix wins, so '/' can sit beside '/pages/'.
  const prefix = Object.keys(mounts).filter((p) => path.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return null;
  let rest = path.slice(prefix.length);
  if (rest === '' || rest.endsWith('/')) {
    if (!index) return null;
    rest += index;
  }
  const dir = mounts[prefix];
  const file = normalize(join(dir, rest));
  return file.startsWith(dir + sep) ? file : null;
}

export async function startServer({
  mounts = {}, index = null, headers = {}, fileHeaders = () => ({}), cache = 'no-store',
  proxy = false, https = false, delay = false, port = 0,
} = {}) {
  const dirs = Object.fromEntries(Object.entries(mounts).map(([prefix, dir]) => [prefix, resolve(dir)]));
  const common = merge(headers, { 'Cache-Control': cache });
  const requests = [];
  const external = [];
  const handlers = new Map();
  const send = (res, status, text, extra = {}) => res.writeHead(status, merge(common, { 'Content-Type': 'text/plain; charset=utf-8' }, extra)).end(text);

  async function answer(req, res) {
    if (proxy && /^https?:\/\//i.test(req.url) && !req.url.startsWith(`${origin}/`)) {
      external.push(req.url);
      return send(res, 502, 'bad gateway\n');
    }
    const url = new URL(req.url, `http://${HOST}`);
    requests.push(url.pathname);
    const handler = handlers.get(url.pathname);
    if (handler) return handler(req, res, common);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    const file = mountedFile(dirs, url.pathname, index);
    let body;
    try {
      body = file && (await stat(file)).isFile() ? await readFile(file) : null;
    } catch {
      body = null;
    }
    if (!body) return send(res, 404, 'not found\n');
    const wait = delay ? Math.min(Number(url.searchParams.get('delay')) || 0, MAX_DELAY_MS) : 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    res.writeHead(200, merge(
      common,
      { 'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream', 'Content-Length': body.length },
      fileHeaders(url.pathname, file),
    ));
    return res.end(req.method === 'HEAD' ? undefined : body);
  }

  const listener = (req, res) => answer(req, res).catch((e) => {
    if (!res.headersSent) send(res, 500, `${e.message}\n`);
    else res.destroy();
  });
  const server = https ? createHttpsServer(selfSignedCertificate(), listener) : createHttpServer(listener);
  if (proxy) {
    server.on('connect', (req, socket) => {
      external.push(`CONNECT ${req.url}`);
      // The browser may reset a refused tunnel before the answer is out: not an error of the test.
      socket.on('error', () => {});
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
  }
  server.on('clientError', (e, socket) => socket.destroy());
  await new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const bound = server.address().port;
  const origin = `${https ? 'https' : 'http'}://${HOST}:${bound}`;
  return {
    server,
    origin,
    url: `${origin}/`,
    port: bound,
    requests,
    external,
    page: (path, body, extra = {}) => handlers.set(path, (req, res, base) => {
      res.writeHead(200, merge(base, { 'Content-Type': TYPES['.html'] }, extra)).end(body);
    }),
    route: (path, handler) => handlers.set(path, handler),
    close: () => new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    }),
  };
}
