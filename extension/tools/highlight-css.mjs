// Writes the ::highlight rules of content/highlight.js (its RULES, the one source) as a CSS file
// for the manifest's content_scripts `css`, which the browser applies to each document before
// it first renders. Shadow roots still get RULES from highlight.js as an adopted sheet.
//   node extension/tools/highlight-css.mjs <out-file>
import { readFileSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';

const source = readFileSync(new URL('../src/content/highlight.js', import.meta.url), 'utf8');
const context = vm.createContext({});
vm.runInContext(source, context);
const rules = context.bioflagHighlight && context.bioflagHighlight.RULES;
if (!rules || !rules.includes('::highlight(')) throw new Error('highlight.js exports no RULES');
writeFileSync(process.argv[2], `/* Generated from content/highlight.js RULES by extension/tools/highlight-css.mjs. */\n${rules.trim()}\n`);
