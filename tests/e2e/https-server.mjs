// An https server on 127.0.0.1 for the options page's "import from an https URL" tests, with a
// throwaway self-signed certificate made by openssl at start (no key is kept in the repository);
// the browsers are told to accept it. Every request is recorded, so tests can assert that the
// extension fetched nothing until the user asked, and fetched exactly what was asked.
//   /list/<name>   200, application/json, the file tests/fixtures/lists/<name>
//   /page.html     200, text/html (what a login wall or an error page looks like)
//   /notes.txt     200, text/plain, not JSON
//   /hang.json     never answers (the timeout path)
//   anything else  404
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from './harness.mjs';

export async function startHttpsServer() {
  const dir = mkdtempSync(join(tmpdir(), 'bioflag-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const requests = [];
  const hanging = new Set();
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const path = new URL(req.url, 'https://127.0.0.1').pathname;
    requests.push(path);
    // The extension's page is another origin: a list host must allow cross-origin reads.
    const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    if (path === '/hang.json') {
      hanging.add(res);
      return;
    }
    if (path === '/page.html') {
      res.writeHead(200, { ...cors, 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Sign in</title><p>Please sign in.</p>');
      return;
    }
    if (path === '/notes.txt') {
      res.writeHead(200, { ...cors, 'content-type': 'text/plain' }).end('Northwind Genomics Co., Ltd.\nEastgate Bio\n');
      return;
    }
    const m = /^\/list\/([\w.-]+)$/.exec(path);
    if (m) {
      try {
        const body = readFileSync(repoPath('tests/fixtures/lists', m[1]));
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(body);
        return;
      } catch { /* 404 below */ }
    }
    res.writeHead(404, cors).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      return new Promise((r) => server.close(r));
    },
  };
}
