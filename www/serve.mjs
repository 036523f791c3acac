// A small static server for www/dist on 127.0.0.1, with strict security headers.
//
//   node www/serve.mjs [--port N]      (default: PORT env or 8080; 0 picks a free port)
//
// Also imported by the tests: `startServer({root, port})` resolves to {server, url}.
// The CSP allows only this origin, plus 'wasm-unsafe-eval' for the engine; inline scripts are
// refused, so pasted or example HTML could never run even if it were ever inserted into the page
// by mistake (it is not: the playground reads its text only).
// The card's CSS is a file for the same reason (style-src 'self').
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Bundled examples are data for the playground: served as text so a browser never renders them. */
function contentType(urlPath, file) {
  if (urlPath.startsWith('/examples/') && !file.endsWith('.json')) return 'text/plain; charset=utf-8';
  return TYPES[extname(file)] || 'application/octet-stream';
}

/** The file under `root` for a URL path, or null (outside root, missing, not a file). */
function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

function send(res, status, text) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export function startServer({ root = join(dirname(fileURLToPath(import.meta.url)), 'dist'), port = 0 } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed\n');
    }
    const urlPath = new URL(req.url, `http://${HOST}`).pathname;
    const file = resolveFile(base, urlPath);
    if (!file) return send(res, 404, 'not found\n');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentType(urlPath, file),
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      resolvePromise({ server, url: `http://${HOST}:${server.address().port}/` });
    });
  });
}

/** The port asked for, and whether it was asked for explicitly (else a busy 8080 falls back). */
function portFromArgs(argv) {
  const i = argv.indexOf('--port');
  const explicit = i >= 0 || process.env.PORT !== undefined;
  const value = i >= 0 ? argv[i + 1] : process.env.PORT ?? '8080';
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: invalid port ${value}`);
    process.exit(2);
  }
  return { port, explicit };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), 'dist');
  try {
    statSync(join(root, 'index.html'));
  } catch {
    console.error('serve: www/dist/index.html is missing; build the site first (node www/build.mjs)');
    process.exit(1);
  }
  const { port, explicit } = portFromArgs(process.argv);
  let started;
  try {
    started = await startServer({ root, port });
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || explicit) {
      console.error(`serve: cannot listen on ${HOST}:${port}: ${e.message}`);
      process.exit(1);
    }
    started = await startServer({ root, port: 0 }); // 8080 is busy: any free port
  }
  const { url } = started;
  console.log(`bioflag website: ${url}  (serving www/dist on ${HOST} only; Ctrl-C to stop)`);
}
