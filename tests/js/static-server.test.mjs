// scripts/static-server.mjs, the one server of the site, the e2e tests and the benchmarks:
// mounts, index, headers, traversal, methods, generated pages, the recording proxy, https.
// (`delay` is a benchmark aid whose only effect is time, which correctness tests do not assert.)
// Run: node --test tests/js/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/static-server.mjs';

let dir;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'bioflag-server-test-'));
  mkdirSync(join(dir, 'site/sub'), { recursive: true });
  writeFileSync(join(dir, 'site/index.html'), '<p>home</p>');
  writeFileSync(join(dir, 'site/sub/index.html'), '<p>sub</p>');
  writeFileSync(join(dir, 'site/engine.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(dir, 'site/csp-page.html'), '<p>strict</p>');
  writeFileSync(join(dir, 'secret.txt'), 'outside every mount');
  mkdirSync(join(dir, 'lists'));
  writeFileSync(join(dir, 'lists/a list.json'), '{"entities":[]}');
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A raw request (no URL normalisation by fetch): status, headers and body. */
function raw(port, path, { method = 'GET' } = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('mounts serve their files with types by extension, index files, and nothing else', async () => {
  const s = await startServer({ mounts: { '/': join(dir, 'site'), '/lists/': join(dir, 'lists') }, index: 'index.html' });
  try {
    assert.equal(s.url, `http://127.0.0.1:${s.port}/`);
    const home = await raw(s.port, '/');
    assert.deepEqual([home.status, home.body, home.headers['content-type']], [200, '<p>home</p>', 'text/html; charset=utf-8']);
    assert.equal((await raw(s.port, '/sub/')).body, '<p>sub</p>');
    assert.equal((await raw(s.port, '/sub')).status, 404, 'a folder without its slash is no file');
    const wasm = await raw(s.port, '/engine.wasm');
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    assert.equal(wasm.headers['content-length'], '4');
    assert.equal(wasm.headers['cache-control'], 'no-store');
    // The longest prefix wins, and names are URL-decoded.
    assert.equal((await raw(s.port, '/lists/a%20list.json')).body, '{"entities":[]}');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/lists/..%2fsecret.txt', '/%00', '/%E0%A4%A', '/missing.html']) {
      const r = await raw(s.port, path);
      assert.equal(r.status, 404, path);
      assert.equal(r.body, 'not found\n', path);
    }
    const post = await raw(s.port, '/', { method: 'POST' });
    assert.deepEqual([post.status, post.headers.allow], [405, 'GET, HEAD']);
    const head = await raw(s.port, '/', { method: 'HEAD' });
    assert.deepEqual([head.status, head.body, head.headers['content-length']], [200, '', '11']);
    // Recorded as the URL parser reads them: dot segments resolved, escapes kept.
    assert.deepEqual(s.requests, ['/', '/sub/', '/sub', '/engine.wasm', '/lists/a%20list.json', '/secret.txt', '/secret.txt',
      '/lists/..%2fsecret.txt', '/%00', '/%E0%A4%A', '/missing.html', '/', '/']);
  } finally {
    await s.close();
  }
});

test('headers: on every response (errors too), per file, later names replace earlier ones whatever their case', async () => {
  const s = await startServer({
    mounts: { '/': join(dir, 'site') },
    headers: { 'X-Frame-Options': 'DENY' },
    fileHeaders: (path) => (path.startsWith('/csp-') ? { 'content-security-policy': "script-src 'self'", 'content-type': 'text/plain' } : {}),
    cache: 'no-cache',
  });
  try {
    const page = await raw(s.port, '/csp-page.html');
    assert.equal(page.headers['content-security-policy'], "script-src 'self'");
    assert.equal(page.headers['content-type'], 'text/plain');
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.equal((await raw(s.port, '/engine.wasm')).headers['content-security-policy'], undefined);
    const missing = await raw(s.port, '/nope');
    assert.equal(missing.headers['x-frame-options'], 'DENY');
    assert.equal((await raw(s.port, '/')).status, 404, 'no index file unless asked for');
  } finally {
    await s.close();
  }
});

test('generated pages and routes come before files; close() ends a request left hanging', async () => {
  const s = await startServer({ mounts: { '/': join(dir, 'site') } });
  s.page('/index.html', '<p>generated</p>', { 'Content-Security-Policy': "script-src 'self'" });
  s.route('/hang', () => {});
  const page = await raw(s.port, '/index.html');
  assert.deepEqual([page.body, page.headers['content-type'], page.headers['content-security-policy'], page.headers['cache-control']],
    ['<p>generated</p>', 'text/html; charset=utf-8', "script-src 'self'", 'no-store']);
  const hanging = raw(s.port, '/hang');
  await new Promise((r) => setTimeout(r, 50));
  await s.close();
  await assert.rejects(hanging, /socket hang up|ECONNRESET/);
});

test('proxy: requests for other hosts and CONNECT tunnels are recorded and refused; its own are served', async () => {
  const s = await startServer({ mounts: { '/': join(dir, 'site') }, index: 'index.html', proxy: true });
  try {
    assert.equal((await raw(s.port, 'http://example.com/track?x=1')).status, 502);
    assert.equal((await raw(s.port, `${s.origin}/`)).body, '<p>home</p>');
    const answer = await new Promise((resolve, reject) => {
      const socket = connect(s.port, '127.0.0.1', () => socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'));
      let text = '';
      socket.on('data', (c) => { text += c; });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(answer, /^HTTP\/1\.1 502/);
    assert.deepEqual(s.external, ['http://example.com/track?x=1', 'CONNECT example.com:443']);
    assert.deepEqual(s.requests, ['/']);
  } finally {
    await s.close();
  }
});

test('https: a self-signed certificate for 127.0.0.1', async () => {
  const s = await startServer({ mounts: { '/': join(dir, 'site') }, index: 'index.html', https: true });
  try {
    assert.match(s.origin, /^https:\/\/127\.0\.0\.1:\d+$/);
    const { get } = await import('node:https');
    const body = await new Promise((resolve, reject) => {
      get(`${s.origin}/`, { rejectUnauthorized: false }, (res) => {
        const cert = res.socket.getPeerCertificate();
        let text = '';
        res.on('data', (c) => { text += c; });
        res.on('end', () => resolve({ text, cert }));
      }).on('error', reject);
    });
    assert.equal(body.text, '<p>home</p>');
    assert.equal(body.cert.subject.CN, '127.0.0.1');
    assert.equal(body.cert.subjectaltname, 'IP Address:127.0.0.1');
  } finally {
    await s.close();
  }
});
