// A small static server for www/dist on 127.0.0.1, with strict security headers.
//
//   node www/serve.mjs [--port N]      (default: PORT env or 8080; 0 picks a free port)
//
// Also imported by the tests: `startServer({root, port})` resolves to {server, url, close}.
// The CSP allows only this origin, plus 'wasm-unsafe-eval' for the engine; inline scripts are
// refused, so pasted or example HTML could never run even if it were ever inserted into the page
// by mistake (it is not: the playground reads its text only).
// The card's CSS is a file for the same reason (style-src 'self').
import { statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer as startStaticServer, HOST } from '../scripts/static-server.mjs';

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

/** Bundled examples are data for the playground: served as text so a browser never renders them. */
function exampleHeaders(urlPath, file) {
  if (urlPath.startsWith('/examples/') && !file.endsWith('.json')) return { 'Content-Type': 'text/plain; charset=utf-8' };
  return {};
}

/** Serves `root` (default www/dist) on 127.0.0.1 (scripts/static-server.mjs): resolves to its {server, url, close}. */
export function startServer({ root = join(dirname(fileURLToPath(import.meta.url)), 'dist'), port = 0 } = {}) {
  // no-cache, not no-store: a reader's browser may keep the wasm, but asks whether it changed.
  return startStaticServer({ mounts: { '/': root }, index: 'index.html', headers: SECURITY_HEADERS, fileHeaders: exampleHeaders, cache: 'no-cache', port });
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
