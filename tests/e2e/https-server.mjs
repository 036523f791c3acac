// An https server on 127.0.0.1 for the options page's "import from an https URL" tests, with a
// throwaway self-signed certificate made by openssl at start (no key is kept in the repository);
// the browsers are told to accept it. Every request is recorded, so tests can assert that the
// extension fetched nothing until the user asked, and fetched exactly what was asked.
//   /list/<name>   200, application/json, the file tests/fixtures/lists/<name>
//   /page.html     200, text/html (what a login wall or an error page looks like)
//   /notes.txt     200, text/plain, not JSON
//   /hang.json     never answers (the timeout path)
//   /sub/<name>    a list the test changes as it goes (subscriptions): `lists.set(name, {body,
//                  etag, lastModified, status, type, chunked, hang, preflight})`; answers 304 to
//                  a matching If-None-Match (or, without an ETag, If-Modified-Since), streams
//                  the body without a Content-Length when `chunked`, and refuses the CORS
//                  preflight of a conditional request when `preflight` is false
//   anything else  404
// `requests` holds every path asked for, `log` every request's method, path and headers.
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
  const log = [];
  const lists = new Map();
  const hanging = new Set();
  const server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    const path = new URL(req.url, 'https://127.0.0.1').pathname;
    requests.push(path);
    log.push({ method: req.method, path, headers: req.headers });
    // The extension's page is another origin: a list host must allow cross-origin reads.
    const cors = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };
    const sub = /^\/sub\/([\w.-]+)$/.exec(path);
    if (sub && lists.has(sub[1])) {
      serveList(req, res, lists.get(sub[1]), cors);
      return;
    }
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
  function serveList(req, res, list, cors) {
    if (req.method === 'OPTIONS') {
      if (list.preflight === false) {
        res.writeHead(405).end();
        return;
      }
      res.writeHead(204, {
        ...cors, 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'if-none-match, if-modified-since', 'access-control-max-age': '0',
      }).end();
      return;
    }
    if (list.hang) {
      hanging.add(res);
      return;
    }
    if (list.status && list.status !== 200) {
      res.writeHead(list.status, { ...cors, 'content-type': 'text/plain' }).end('server error');
      return;
    }
    const headers = { ...cors, 'access-control-expose-headers': 'etag, last-modified', 'content-type': list.type || 'application/json' };
    if (list.etag) headers.etag = list.etag;
    if (list.lastModified) headers['last-modified'] = list.lastModified;
    const fresh = list.etag ? req.headers['if-none-match'] === list.etag : !!list.lastModified && req.headers['if-modified-since'] === list.lastModified;
    if (fresh) {
      res.writeHead(304, headers).end();
      return;
    }
    if (!list.chunked) {
      res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(list.body) }).end(list.body);
      return;
    }
    res.writeHead(200, headers);
    const body = Buffer.from(list.body);
    for (let at = 0; at < body.length; at += 65536) res.write(body.subarray(at, at + 65536));
    res.end();
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    log,
    lists,
    close: () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections?.();
      return new Promise((r) => server.close(r));
    },
  };
}
