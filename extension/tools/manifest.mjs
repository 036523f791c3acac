// Writes dist/<browser>/manifest.json from the one manifest source. Every difference between
// Chromium and Firefox lives here.
//   node extension/tools/manifest.mjs <chromium|firefox> <version> <out-file>
import { readFileSync, writeFileSync } from 'node:fs';

const [browser, version, out] = process.argv.slice(2);
const source = new URL('../src/manifest.json', import.meta.url);
const manifest = JSON.parse(readFileSync(source, 'utf8'));
manifest.version = version;

const backgroundFiles = [
  'build-flags.js', 'wasm/bioflag.js', 'shared/constants.js', 'shared/platform.js', 'shared/storage.js', 'shared/engine-core.js',
  'shared/i18n.js', 'shared/list-fetch.js', 'background/subscriptions.js', 'background/background.js',
];
if (browser === 'chromium') {
  // A classic service worker; it importScripts() the shared files itself.
  manifest.background = { service_worker: 'background/background.js' };
} else if (browser === 'firefox') {
  manifest.background = { scripts: backgroundFiles };
  manifest.browser_specific_settings = {
    gecko: {
      id: 'bioflag@bioflag.example',
      strict_min_version: '142.0',
      data_collection_permissions: { required: ['none'] },
    },
  };
} else {
  throw new Error(`unknown browser ${browser}`);
}
writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
