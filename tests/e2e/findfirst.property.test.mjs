// Property test of find first (extension/src/content/find.js) in Chromium, without the extension:
// on generated pages, the blocks found first and then walked exactly give the engine the same
// matches (text, entity, evidence, DOM position) as the exact walk of the whole page; and the
// gate's page-level fingerprints (content/gate.js) are in the text of every page that names somebody.
//   node --test tests/e2e/findfirst.property.test.mjs        (BIOFLAG_PROPERTY_CASES=N for more)
// Pages: nested blocks and inline elements, names (the catalog's, in several forms) split at any
// point by inline markup, context and veto words, hidden text (display:none, visibility, the
// hidden and aria-hidden attributes), scripts, styles, form fields, editable regions, templates,
// comments, line breaks, open shadow roots (declarative) with slots, and text longer than a chunk.
// Hidden or skipped content sits between words, never inside one (find.js says why).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { scriptPage } from './script-page.mjs';

const CASES = Number(process.env.BIOFLAG_PROPERTY_CASES || 250);
const FILES = {
  '/bioflag.js': 'build/wasm/no-modules/bioflag.js',
  '/bioflag_bg.wasm': 'build/wasm/no-modules/bioflag_bg.wasm',
  '/constants.js': 'build/wasm/constants.js',
  '/engine-core.js': 'extension/src/shared/engine-core.js',
  '/platform.js': 'extension/src/shared/platform.js',
  '/blocks.js': 'extension/src/content/blocks.js',
  '/find.js': 'extension/src/content/find.js',
};

let browser;
let page;

before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--disable-gpu', '--no-proxy-server'] });
  page = await scriptPage(browser, FILES, ['/bioflag.js', '/constants.js', '/platform.js', '/engine-core.js', '/blocks.js', '/find.js']);
  await page.evaluate(async () => {
    const core = globalThis.bioflagEngineCore;
    const exports = await core.init('/bioflag_bg.wasm');
    const engine = core.build([]);
    const pattern = core.patternSearch(engine.fingerprintPattern());
    const { blocksIn, TICK } = globalThis.bioflagBlocks;
    const { blocksOf } = globalThis.bioflagFind;
    const textNodes = () => {
      const list = [];
      const visit = (root) => {
        const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) {
          if (n.nodeType === Node.TEXT_NODE) list.push(n);
          else if (n.shadowRoot) visit(n.shadowRoot);
        }
      };
      visit(document.documentElement);
      return list;
    };
    /** Matches of a sequence of blocks, as comparable strings (document order kept). */
    const matchesOf = (blocks, nodes) => {
      const real = blocks.filter((b) => b !== TICK);
      const { matches } = core.scanDocument(engine, exports, real.map((b) => b.text), []);
      const out = [];
      for (const { segment: seg, start, end, entity, evidence } of core.records(matches)) {
        const b = real[seg];
        if (b.own && (start < b.own[0] || start >= b.own[1])) continue;
        const [node, offset] = globalThis.bioflagBlocks.locate(b, start, false);
        out.push(`${b.text.slice(start, end)} #${entity} e${evidence} @${nodes.indexOf(node)}:${offset}`);
      }
      return out;
    };
    globalThis.compare = (html) => {
      document.body.setHTMLUnsafe(html);
      const nodes = textNodes();
      const full = matchesOf([...blocksIn(document.documentElement)], nodes);
      const local = matchesOf([...blocksOf(document.documentElement, (t) => core.candidates(engine, exports, t))], nodes);
      const regexp = matchesOf([...blocksOf(document.documentElement, pattern)], nodes);
      // The gate's check (content/gate.js): the text outside scripts and styles, shadow roots
      // included, without the characters folding drops, holds a page-level fingerprint.
      const prose = nodes.filter((n) => !['script', 'style', 'noscript', 'template'].includes(n.parentNode.localName)).map((n) => n.data).join('');
      const gate = new RegExp(engine.pagePattern(), 'i').test(prose.replace(new RegExp(engine.pageIgnored(), 'g'), ''));
      return { full, local, regexp, gate };
    };
  });
});

after(async () => {
  await browser?.close();
});

// ---------------------------------------------------------------------------------------------
// Generated pages.
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const NAMES = ['BGI Genomics', 'BGI Group', 'BGI', 'MGI', 'MGI Tech', 'WuXi AppTec', 'Complete Genomics', 'Complete Genomics, Inc.',
  'Forensic Genomics International', 'FGI', '华大基因', '华大智造', 'ＢＧＩ Genomics', 'B\u00adGI Genomics', 'Wu\u200bXi AppTec',
  'bgi genomics', 'WUXI APPTEC', 'BGIX', 'ABGI', 'McKinsey Global Institute (MGI)', 'Institute of Forensic Science of China\'s Ministry of Public Security',
  'Innomics', 'GBI Diagnostics', 'BGI Research', 'DNBSEQ-G400'];
const WORDS = ['the', 'genome', 'sequencing', 'DNA', 'supplier', 'airport', 'fly', 'into', 'report', 'lab', 'music', 'forensic', 'apptec',
  'big', 'data', '基因', 'said', 'on', 'Monday', 'mgi', 'tech', 'complete', '—', '“quoted”', 'café'];
const BLOCKS = ['p', 'div', 'section', 'li', 'td', 'h2', 'blockquote', 'article'];
const INLINES = ['span', 'b', 'a', 'em', 'strong', 'code', 'small'];
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function generate(seed) {
  const r = rng(seed * 7919 + 17);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;
  /** A word or name, possibly cut at random points by visible inline markup. */
  const token = () => {
    const text = chance(0.35) ? pick(NAMES) : pick(WORDS);
    if (!chance(0.3) || text.length < 2) return esc(text);
    const cut = 1 + Math.floor(r() * (text.length - 1));
    const tag = pick(INLINES);
    return `${esc(text.slice(0, cut))}<${tag}>${esc(text.slice(cut))}</${tag}>`;
  };
  /** Content between words: hidden, skipped or structural things. */
  const between = (depth) => {
    const k = Math.floor(r() * 16);
    switch (k) {
      case 0: return `<span style="display:none">${token()}</span>`;
      case 1: return `<span hidden>${token()}</span>`;
      case 2: return `<span aria-hidden="true">${token()}</span>`;
      case 3: return `<script>var x = "${pick(NAMES)}";</script>`;
      case 4: return `<style>/* ${pick(NAMES)} */</style>`;
      case 5: return `<textarea>${esc(pick(NAMES))}</textarea>`;
      case 6: return '<br>';
      case 7: return '<!-- BGI Genomics -->';
      case 8: return `<span contenteditable="true">${token()}</span>`;
      case 9: return `<span style="visibility:hidden">${token()} <span style="visibility:visible">${token()}</span></span>`;
      case 10: return depth < 3 ? block(depth + 1) : ' ';
      case 11: return `<template>${esc(pick(NAMES))}</template>`;
      case 12: return depth < 3 ? host(depth + 1) : ' ';
      case 13: return `<input value="${esc(pick(NAMES))}">`;
      default: return ' ';
    }
  };
  const inlineRun = (depth) => {
    const n = 1 + Math.floor(r() * 10);
    const parts = [];
    for (let i = 0; i < n; i++) {
      parts.push(chance(0.2) ? `<${pick(INLINES)}>${token()} ${token()}</${pick(INLINES)}>` : token());
      parts.push(chance(0.25) ? between(depth) : ' ');
    }
    return parts.join('');
  };
  const block = (depth) => {
    const tag = pick(BLOCKS);
    const inner = tag === 'li' ? `<ul><li>${inlineRun(depth)}</li></ul>` : tag === 'td'
      ? `<table><tr><td>${inlineRun(depth)}</td><td>${inlineRun(depth)}</td></tr></table>` : `<${tag}>${inlineRun(depth)}</${tag}>`;
    return chance(0.1) ? `<div style="display:none">${inner}</div>` : inner;
  };
  const host = (depth) => {
    const slotted = chance(0.5);
    const shadow = `<template shadowrootmode="open"><p>${inlineRun(depth)}</p>${slotted ? '<slot></slot>' : ''}</template>`;
    return `<div class="host">${shadow}${chance(0.7) ? inlineRun(depth) : ''}</div>`;
  };
  const parts = [];
  const n = 1 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) parts.push(chance(0.15) ? host(1) : chance(0.2) ? inlineRun(1) : block(1));
  // Now and then a text longer than a find chunk (256 K characters), with names on both sides
  // of the chunk boundary.
  if (chance(0.03)) parts.push(`<p>${'lorem ipsum '.repeat(22000)}BGI Genomics ${'dolor '.repeat(1000)} WuXi AppTec</p>`);
  return parts.join('\n');
}

test(`find first equals the exact walk of the whole page on ${CASES} generated pages`, async () => {
  let named = 0;
  for (let seed = 1; seed <= CASES; seed++) {
    const html = generate(seed);
    const { full, local, regexp, gate } = await page.evaluate((h) => globalThis.compare(h), html);
    const why = `seed ${seed}: ${html.length > 4000 ? `${html.slice(0, 4000)}…` : html}`;
    assert.deepEqual(local, full, `WASM candidates, ${why}`);
    assert.deepEqual(regexp, full, `RegExp candidates, ${why}`);
    if (full.length) {
      named++;
      assert.ok(gate, `the gate's fingerprints miss a page that names somebody, ${why}`);
    }
  }
  // The generator names entities on most pages (else the test shows little).
  assert.ok(named > CASES / 2, `only ${named} of ${CASES} pages name an entity`);
});
