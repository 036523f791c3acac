// The e2e tests' pages, on 127.0.0.1 with a random port (scripts/static-server.mjs):
//   /pages/*     tests/e2e/pages (fixtures written for the extension tests)
//   /examples/*  examples/ (the README's example pages, reused as fixtures)
// Per-page headers: files named csp-*.html are served with `Content-Security-Policy:
// script-src 'self'` (the CSP that makes Chromium refuse content-script WASM).
// It doubles as the browsers' HTTP proxy: any request that is not for this server (absolute-form
// URL or CONNECT) is recorded in `external` and refused, so tests can assert nothing left 127.0.0.1.
import { repoPath } from './harness.mjs';
import { startServer as startStaticServer } from '../../scripts/static-server.mjs';

export function startServer() {
  return startStaticServer({
    mounts: { '/pages/': repoPath('tests/e2e/pages'), '/examples/': repoPath('examples') },
    fileHeaders: (path) => (/\/csp-[^/]*$/.test(path) ? { 'Content-Security-Policy': "script-src 'self'" } : {}),
    proxy: true,
  });
}
