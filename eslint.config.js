// One lint style for every JavaScript file in the repository (ESLint flat config).
// Extension scripts are classic scripts sharing `globalThis.bioflag*` namespaces (content
// scripts cannot be ES modules in MV3), except the popup's and options page's own modules; the
// website, tools, tests and benchmarks are ES modules.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    ignores: ['node_modules/', 'target/', 'build/', 'extension/dist/', 'www/dist/', 'fuzz/', 'python/', 'spark/'],
  },
  js.configs.recommended,
  {
    rules: {
      // `_`-prefixed names document an argument kept for its position.
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['extension/src/**/*.js', 'www/src/js/card.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, ...globals.webextensions, wasm_bindgen: 'readonly' },
    },
  },
  {
    // The extension's own pages load ES modules (their shared scripts imported for their globals).
    files: ['extension/src/popup/**/*.js', 'extension/src/options/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // The Chromium service worker imports its scripts; Firefox loads them as a background page.
    files: ['extension/src/background/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['www/src/js/**/*.js'],
    ignores: ['www/src/js/card.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // Node tools, tests and benchmarks; some pass functions into pages (page.evaluate), so the
    // browser globals are known there too.
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
  {
    // Scripts of the test pages themselves.
    files: ['tests/e2e/pages/**/*.js', 'bench/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
];
