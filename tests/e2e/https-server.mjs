// An https server on 127.0.0.1 for the options page's "import from an https URL" tests
// (scripts/static-server.mjs with its throwaway self-signed certificate; the browsers are told to
// accept it). Every request is recorded in `requests`, so tests can assert that the extension
// fetched nothing until the user asked, and fetched exactly what was asked.
//   /list/<name>   200, application/json, the file tests/fixtures/lists/<name>
//   /page.html     200, text/html (what a login wall or an error page looks like)
//   /notes.txt     200, text/plain, not JSON
//   /hang.json     never answers (the timeout path)
//   anything else  404
import { repoPath } from './harness.mjs';
import { startServer } from '../../scripts/static-server.mjs';

export async function startHttpsServer() {
  const server = await startServer({
    mounts: { '/list/': repoPath('tests/fixtures/lists') },
    // The extension's page is another origin: a list host must allow cross-origin reads.
    headers: { 'Access-Control-Allow-Origin': '*' },
    // Whatever the file's name, a list is served as JSON, as list hosts do.
    fileHeaders: () => ({ 'Content-Type': 'application/json' }),
    https: true,
  });
  server.page('/page.html', '<!doctype html><title>Sign in</title><p>Please sign in.</p>');
  server.route('/notes.txt', (req, res, headers) => {
    res.writeHead(200, { ...headers, 'content-type': 'text/plain' }).end('Northwind Genomics Co., Ltd.\nEastgate Bio\n');
  });
  server.route('/hang.json', () => {}); // never answered; close() ends the connection
  return server;
}
