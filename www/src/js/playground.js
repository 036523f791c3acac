// The Playground page: input (paste, bundled example, dropped file) -> text blocks -> engine ->
// rendered copy with marks + summary table + card on demand. Nothing leaves the tab: files are
// read with File.text(), examples come from this site, and the engine is WebAssembly.
import { loadEngine } from './engine.js';
import { inputToBlocks } from './extract-text.js';
import { renderMatches } from './render-matches.js';
import { createCardPopover } from './card-popover.js';

/** Bigger inputs are refused rather than freezing the tab. */
const MAX_INPUT_CHARS = 5_000_000;

const $ = (id) => document.getElementById(id);
const form = $('scan-form');
const input = $('input');
const exampleSelect = $('example');
const exampleButton = $('load-example');
const fileInput = $('file');
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
  setStatus('Loading the engine…', 'loading');
  let engine;
  try {
    engine = await loadEngine();
  } catch (e) {
    setStatus(`The engine could not be loaded in this browser (${e.message || e.name}).`, 'error');
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
    return { tier: card.tier, label: `${text}: flagged, ${card.name} (${card.tier_label}). Show card.` };
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
      setStatus(`This input has ${text.length.toLocaleString('en')} characters; the playground scans up to ${MAX_INPUT_CHARS.toLocaleString('en')}. Use the command-line tool for bigger files.`, 'scanned');
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
    const what = detected === 'html' ? 'HTML' : 'plain text';
    if (!blocks.length) setStatus('There is no visible text to scan.', 'scanned');
    else if (!matches.length) setStatus(`No flagged names found in ${blocks.length} block${blocks.length === 1 ? '' : 's'} of ${what} (scanned in ${ms.toFixed(1)} ms).`, 'scanned');
    else setStatus(`Found ${matches.length} mention${matches.length === 1 ? '' : 's'} of ${entities} flagged entit${entities === 1 ? 'y' : 'ies'} in ${blocks.length} block${blocks.length === 1 ? '' : 's'} of ${what} (scanned in ${ms.toFixed(1)} ms). Select a highlighted name to see its card.`, 'scanned');
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
    setStatus(`Loading ${option.value}…`, 'loading');
    const response = await fetch(`examples/${encodeURIComponent(option.value)}`);
    if (!response.ok) {
      setStatus(`Could not load the example (${response.status}).`, 'error');
      return;
    }
    input.value = await response.text();
    inputKind = option.dataset.kind;
    scan(input.value, inputKind);
  }
  exampleButton.addEventListener('click', () => {
    loadExample().catch((e) => setStatus(`Could not load the example: ${e.message}`, 'error'));
  });

  async function loadFile(file) {
    const kind = kindOfFile(file.name);
    if (!kind) {
      setStatus(`“${file.name}” is not a .html or .txt file.`, 'error');
      return;
    }
    if (file.size > MAX_INPUT_CHARS * 3) {
      setStatus(`“${file.name}” is too big for the playground; use the command-line tool.`, 'error');
      return;
    }
    setStatus(`Reading ${file.name}…`, 'loading');
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
  setStatus(`Ready: ${info.entities} entities from the ${info.name} ${info.version}. Paste something, load an example or drop a file.`, 'ready');
}

main();
