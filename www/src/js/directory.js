// The Directory page: every entity the engine knows, each shown with the shared card component,
// filterable by tier and searchable by English or Chinese name (or any alias). Each entry is an
// <article id="{entity id}">, so `directory.html#bgi-genomics` is a stable link.
import { loadEngine } from './engine.js';
import { t, languageTag } from './i18n.js';

const $ = (id) => document.getElementById(id);
// The directory's controls, as directory.html has them.
const list = $('entities');
const search = /** @type {HTMLInputElement} */ ($('search'));
const tierFilter = /** @type {HTMLFieldSetElement} */ ($('tier-filter'));
const countLine = $('count');

/** Case, width and space folding for search, so "ｂｇｉ" and "BGI" and "bgi" agree. */
const fold = (s) => s.normalize('NFKC').toLowerCase().replace(/[\s\u00ad]+/g, ' ').trim();

function entry(card) {
  const article = document.createElement('article');
  article.className = 'entry';
  article.id = card.id;
  article.tabIndex = -1; // focusable as a link target, not a tab stop
  article.dataset.tier = card.tier;
  article.dataset.search = fold([card.id, card.name, card.name_zh || '', card.name_zh_hant || '', ...(card.aliases || [])].join(' | '));
  const node = globalThis.bioflagCard.render(card, { document, t, lang: languageTag });
  // The card is a dialog in the extension; here it is page content, labelled by the article.
  node.removeAttribute('role');
  const labelledBy = node.getAttribute('aria-labelledby');
  node.removeAttribute('aria-labelledby');
  if (labelledBy) article.setAttribute('aria-labelledby', labelledBy);
  // Labelled <section>s are landmarks; fifteen cards would make fifteen "Sources" landmarks.
  // Their headings already give the structure.
  for (const section of node.querySelectorAll('section[aria-labelledby]')) section.removeAttribute('aria-labelledby');
  const permalink = document.createElement('a');
  permalink.className = 'permalink';
  permalink.href = `#${card.id}`;
  permalink.textContent = t('siteLinkTo', [card.name]);
  article.append(node, permalink);
  return article;
}

function applyFilters() {
  const query = fold(search.value);
  const tier = /** @type {HTMLInputElement | null} */ (tierFilter.querySelector('input:checked'))?.value || 'all';
  let shown = 0;
  for (const article of /** @type {HTMLCollectionOf<HTMLElement>} */ (list.children)) {
    const visible = (tier === 'all' || article.dataset.tier === tier) && (!query || article.dataset.search.includes(query));
    article.hidden = !visible;
    if (visible) shown++;
  }
  countLine.textContent = t('siteShowing', [shown, list.children.length]);
}

/** Brings the entry named by the URL fragment into view, clearing filters that hide it. */
function showTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target || !target.classList.contains('entry')) return;
  if (target.hidden) {
    search.value = '';
    /** @type {HTMLInputElement} */ (tierFilter.querySelector('input[value="all"]')).checked = true;
    applyFilters();
  }
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'start' });
}

async function main() {
  let engine;
  try {
    engine = await loadEngine();
  } catch (e) {
    countLine.textContent = t('siteEngineFailed', [e.message || e.name]);
    return;
  }
  const counts = {};
  const entries = engine.entities.map((e) => {
    counts[e.tier] = (counts[e.tier] || 0) + 1;
    return entry(engine.card(e.index));
  });
  list.replaceChildren(...entries);
  for (const label of /** @type {NodeListOf<HTMLElement>} */ (tierFilter.querySelectorAll('[data-count]'))) {
    const tier = label.dataset.count;
    label.textContent = `(${tier === 'all' ? entries.length : counts[tier] || 0})`;
  }
  // Filtering is live; Enter in the search box must not submit (and navigate) the form.
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  search.addEventListener('input', applyFilters);
  tierFilter.addEventListener('change', applyFilters);
  window.addEventListener('hashchange', showTarget);
  applyFilters();
  showTarget();
  document.body.dataset.state = 'ready';
}

main();
