// The Playground page: input (paste, bundled example, dropped file) -> text blocks -> engine ->
// rendered copy with marks + summary table + card on demand. Nothing leaves the tab: files are
// read with File.text(), examples come from this site, and the engine is WebAssembly.
import { loadEngine } from './engine.js';
import { inputToBlocks } from './extract-text.js';
import { renderMatches } from './render-matches.js';
import { createCardPopover } from './card-popover.js';
import { t } from './i18n.js';

/** Bigger inputs are refused rather than freezing the tab. */
const MAX_INPUT_CHARS = 5_000_000;

const $ = (id) => document.getElementById(id);
// The playground's controls, as index.html has them.
const form = /** @type {HTMLFormElement} */ ($('scan-form'));
const input = /** @type {HTMLTextAreaElement} */ ($('input'));
const exampleSelect = /** @type {HTMLSelectElement} */ ($('example'));
const exampleButton = /** @type {HTMLButtonElement} */ ($('load-example'));
const fileInput = /** @type {HTMLInputElement} */ ($('file'));
const dropZone = $('drop-zone');
const statusLine = $('status');
const summary = $('summary');
const summaryBody = $('summary-body');
const output = $('output');
const outputSection = $('result');

/** What the input is, when known (an example's or a file's type); 'auto' for pasted input. */
let inputKind = 'auto';
let current = { blocks: [], matches: [] };

function setStatus(text, state) {
  statusLine.textContent = text;
  document.body.dataset.state = state;
}

function kindOfFile(name) {
  if (/\.html?$/i.test(name)) return 'html';
  if (/\.txt$/i.test(name)) return 'text';
  return null;
}

async function main() {
  setStatus(t('siteLoadingEngine'), 'loading');
  let engine;
  try {
    engine = await loadEngine();
  } catch (e) {
    setStatus(t('siteEngineFailed', [e.message || e.name]), 'error');
    return;
  }
  const cards = new Map();
  const cardOf = (entity) => {
    if (!cards.has(entity)) cards.set(entity, engine.card(entity));
    return cards.get(entity);
  };

  const popover = createCardPopover({
    container: output,
    cardFor(mark) {
      const m = current.matches[Number(mark.dataset.match)];
      return {
        card: cardOf(m.entity),
        match: { text: mark.textContent, alias: engine.aliasText(m.entity, m.alias), evidence: m.evidence },
      };
    },
  });

  function describe(m) {
    const card = cardOf(m.entity);
    const text = current.blocks[m.block].slice(m.start, m.end);
    return { tier: card.tier, label: t('siteMarkLabel', [text, card.name, t(`cardTier-${card.tier}`) || card.tier_label]) };
  }

  function renderSummary(matches) {
    const counts = new Map();
    for (const m of matches) counts.set(m.entity, (counts.get(m.entity) || 0) + 1);
    const rows = [...counts].sort((a, b) => b[1] - a[1] || cardOf(a[0]).name.localeCompare(cardOf(b[0]).name)).map(([entity, n]) => {
      const card = cardOf(entity);
      const tr = document.createElement('tr');
      tr.dataset.entity = card.id;
      const name = document.createElement('th');
      name.scope = 'row';
      const link = document.createElement('a');
      link.href = `directory.html#${encodeURIComponent(card.id)}`;
      link.textContent = card.name;
      name.append(link);
      const tier = document.createElement('td');
      const badge = document.createElement('span');
      badge.className = `tier-badge tier-${card.tier}`;
      badge.textContent = card.tier_label;
      tier.append(badge);
      const mentions = document.createElement('td');
      mentions.className = 'num';
      mentions.textContent = String(n);
      tr.append(name, tier, mentions);
      return tr;
    });
    summaryBody.replaceChildren(...rows);
    summary.hidden = rows.length === 0;
    return counts.size;
  }

  function scan(text, kind) {
    popover.close();
    output.replaceChildren();
    if (text.length > MAX_INPUT_CHARS) {
      current = { blocks: [], matches: [] };
      renderSummary([]);
      setStatus(t('siteTooLong', [text.length.toLocaleString('en'), MAX_INPUT_CHARS.toLocaleString('en')]), 'scanned');
      return;
    }
    const { blocks, kind: detected } = inputToBlocks(text, kind);
    const t0 = performance.now();
    const matches = engine.scanBlocks(blocks);
    const ms = performance.now() - t0;
    current = { blocks, matches };
    renderMatches(output, blocks, matches, detected, describe);
    const entities = renderSummary(matches);
    outputSection.hidden = false;
    const what = t(detected === 'html' ? 'siteKindHtml' : 'siteKindText');
    const counted = (n, one, many) => (n === 1 ? t(one) : t(many, [n]));
    const blockCount = counted(blocks.length, 'siteBlocksOne', 'siteBlocksMany');
    if (!blocks.length) setStatus(t('siteNoText'), 'scanned');
    else if (!matches.length) setStatus(t('siteNoneFound', [blockCount, what, ms.toFixed(1)]), 'scanned');
    else {
      const mentionCount = counted(matches.length, 'siteMentionsOne', 'siteMentionsMany');
      const entityCount = counted(entities, 'siteEntitiesOne', 'siteEntitiesMany');
      setStatus(t('siteFound', [mentionCount, entityCount, blockCount, what, ms.toFixed(1)]), 'scanned');
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    scan(input.value, inputKind);
  });
  // Typing or pasting makes the input "pasted": detect HTML vs text again.
  input.addEventListener('input', () => {
    inputKind = 'auto';
  });

  async function loadExample() {
    const option = exampleSelect.selectedOptions[0];
    if (!option || !option.value) return;
    setStatus(t('siteLoadingExample', [option.value]), 'loading');
    const response = await fetch(`examples/${encodeURIComponent(option.value)}`);
    if (!response.ok) {
      setStatus(t('siteExampleStatus', [response.status]), 'error');
      return;
    }
    input.value = await response.text();
    inputKind = option.dataset.kind;
    scan(input.value, inputKind);
  }
  exampleButton.addEventListener('click', () => {
    loadExample().catch((e) => setStatus(t('siteExampleError', [e.message]), 'error'));
  });

  async function loadFile(file) {
    const kind = kindOfFile(file.name);
    if (!kind) {
      setStatus(t('siteNotHtmlOrText', [file.name]), 'error');
      return;
    }
    if (file.size > MAX_INPUT_CHARS * 3) {
      setStatus(t('siteFileTooBig', [file.name]), 'error');
      return;
    }
    setStatus(t('siteReading', [file.name]), 'loading');
    const text = await file.text(); // read locally; never sent anywhere
    input.value = text;
    inputKind = kind;
    scan(text, kind);
  }
  fileInput.addEventListener('change', () => {
    if (fileInput.files[0]) loadFile(fileInput.files[0]);
  });
  // The whole page accepts a drop, so the browser never navigates away to the dropped file.
  document.addEventListener('dragover', (e) => {
    e.preventDefault();
    dropZone.classList.add('dragging');
  });
  document.addEventListener('dragleave', (e) => {
    if (!e.relatedTarget) dropZone.classList.remove('dragging');
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    dropZone.classList.remove('dragging');
    const file = e.dataTransfer?.files?.[0];
    if (file) loadFile(file);
  });

  const examples = await fetch('examples/index.json').then((r) => r.json());
  for (const ex of examples) {
    const option = document.createElement('option');
    option.value = ex.file;
    option.dataset.kind = ex.kind;
    option.textContent = `${ex.file} — ${ex.title}`;
    exampleSelect.append(option);
  }
  exampleSelect.disabled = false;
  exampleButton.disabled = false;
  const info = engine.info();
  setStatus(t('siteReady', [info.entities, info.name, info.version]), 'ready');
}

main();
