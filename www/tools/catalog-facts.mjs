// Facts from data/catalog.json for the Methodology page, rendered to HTML at build time so the
// page states exactly what the built catalog contains (no hand-copied numbers to go stale).
// Every catalog string goes through `escape`.

const TIER_ORDER = ['designated', 'formerly-designated', 'named-in-reporting', 'affiliate'];
/** The site's labels (www/src/locales/site.json) for a source's confidence, in the reader's language. */
const CONFIDENCE_KEYS = { primary: 'siteMethodPrimary', secondary: 'siteMethodSecondary' };

/** Which entities a list's designations name, current and removed. */
function listMembers(catalog, listId) {
  const current = [];
  const removed = [];
  for (const e of catalog.entities) {
    for (const d of e.designations || []) {
      if (d.list !== listId) continue;
      (d.removed ? removed : current).push(e.name);
    }
  }
  return { current: [...new Set(current)], removed: [...new Set(removed)] };
}

function sourceCitation(source, escape) {
  const title = source.url
    ? `<a href="${escape(source.url)}" rel="noopener noreferrer">${escape(source.title)}</a>`
    : `<cite>${escape(source.title)}</cite>`;
  const details = [source.publisher, source.date].filter(Boolean).map(escape).join(', ');
  return `${title}${details ? ` — ${details}` : ''}`;
}

export function catalogMarkers(catalog, escape) {
  const entitiesById = new Map(catalog.entities.map((e) => [e.id, e]));

  const lists = catalog.lists.map((l) => {
    const { current, removed } = listMembers(catalog, l.id);
    const members = [
      current.length ? `${current.length} catalog entit${current.length === 1 ? 'y' : 'ies'} currently listed` : '',
      removed.length ? `${removed.length} removed (${removed.map(escape).join(', ')})` : '',
    ].filter(Boolean).join('; ');
    const url = l.url ? ` <a href="${escape(l.url)}" rel="noopener noreferrer">official page</a>.` : '';
    return `<dt>${escape(l.name)}</dt><dd>Kept by ${escape(l.authority)}.${url} In this catalog: ${members || 'no entities'}.</dd>`;
  });

  const tierCounts = TIER_ORDER.map((t) => [t, catalog.entities.filter((e) => e.tier === t).length]);

  const sources = [...catalog.sources].sort((a, b) => (a.date || '').localeCompare(b.date || '')).map((s) =>
    `<tr><td>${sourceCitation(s, escape)}</td><td${CONFIDENCE_KEYS[s.confidence] ? ` data-i18n="${CONFIDENCE_KEYS[s.confidence]}"` : ''}>${escape(s.confidence)}</td></tr>`);

  const articles = catalog.sources.filter((s) => s.id.startsWith('article-'));
  const article = articles.map((s) => {
    const cited = catalog.entities.filter((e) =>
      [...(e.claims || []), ...(e.responses || [])].some((c) => c.source === s.id));
    return `<p class="article-ref">${sourceCitation(s, escape)}. Cited on the cards of ${cited.length} entities: `
      + `${cited.map((e) => `<a href="directory.html#${escape(e.id)}">${escape(e.name)}</a>`).join(', ')}.</p>`;
  });

  const weak = [];
  for (const e of catalog.entities) {
    for (const a of e.aliases || []) {
      if (!a.weak) continue;
      weak.push(`<tr><th scope="row">${escape(a.text)}</th><td><a href="directory.html#${escape(e.id)}">${escape(e.name)}</a></td>`
        + `<td>${(a.context || []).map(escape).join(', ') || '—'}</td><td>${(a.exclude || []).map(escape).join(', ') || '—'}</td></tr>`);
    }
  }
  const cased = catalog.entities.flatMap((e) => (e.aliases || []).filter((a) => a.cased).map((a) => escape(a.text)));

  return {
    'catalog-version': escape(catalog.version),
    'catalog-updated': `<time datetime="${escape(catalog.updated)}">${escape(catalog.updated)}</time>`,
    'catalog-entity-count': String(catalog.entities.length),
    'catalog-source-count': String(catalog.sources.length),
    'catalog-lists': `<dl class="facts">${lists.join('')}</dl>`,
    'catalog-tier-counts': tierCounts.map(([t, n]) => `<span data-tier="${t}">${n}</span>`).join(''),
    'tier-count-designated': String(tierCounts[0][1]),
    'tier-count-formerly-designated': String(tierCounts[1][1]),
    'tier-count-named-in-reporting': String(tierCounts[2][1]),
    'tier-count-affiliate': String(tierCounts[3][1]),
    'catalog-sources': sources.join(''),
    'catalog-article': article.join('') || '<p>No opinion or news article is cited by the cards.</p>',
    'catalog-context-words': catalog.context_words.map((w) => `<span lang="${/[\u3400-\u9fff]/.test(w) ? 'zh' : 'en'}">${escape(w)}</span>`).join(', '),
    'catalog-weak-aliases': weak.join(''),
    'catalog-cased-aliases': cased.join(', ') || '—',
    'catalog-parent-count': String([...entitiesById.values()].filter((e) => e.family).length),
  };
}
