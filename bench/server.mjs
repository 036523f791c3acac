// The browser benchmarks' server, on 127.0.0.1 with a random port (scripts/static-server.mjs):
//   /bench/*, /build/wasm/web/*, /target/bench/*, /node_modules/mark.js/dist/*   files of the repo
//   anything registered with `page(path, body, headers)`                          generated pages
// A file's response waits `?delay=` milliseconds when asked to (a parser-blocking script that
// lets the page paint first). Every response is `cache-control: no-store`; `.wasm` is served as
// application/wasm (streaming compilation). Per-page headers carry the CSPs the benchmarks need.
import { fileURLToPath } from 'node:url';
import { startServer as startStaticServer } from '../scripts/static-server.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const ROOTS = ['/bench/', '/build/wasm/web/', '/target/bench/', '/node_modules/mark.js/dist/'];

export function startServer() {
  return startStaticServer({ mounts: Object.fromEntries(ROOTS.map((root) => [root, repo + root.slice(1)])), delay: true });
}

/** Flags for every benchmark browser: quiet, no network of its own, no GPU. */
export const CHROMIUM_ARGS = [
  '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps',
];
