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
      (d.removed ? removed : current).push(e);
    }
  }
  return { current: [...new Set(current)], removed: [...new Set(removed)] };
}

/** The message key of a catalog text the Chinese pages show translated (see catalogMessages). */
const key = (...parts) => `catalog_${parts.join('_').replace(/-/g, '_')}`;

/**
 * The catalog's own texts that the site's blocks show, per site locale, as messages: each list's
 * name, full name, keeper and meaning (its `zh` / `zh_hant` translations), and each entity's
 * name (its Chinese name in the reader's script, where it has one). Keys are only made for
 * texts that have a translation, so a block marks only those.
 */
export function catalogMessages(catalog) {
  const out = { en: {}, zh_CN: {}, zh_TW: {} };
  const put = (k, en, zh, hant) => {
    out.en[k] = en;
    out.zh_CN[k] = zh;
    out.zh_TW[k] = hant;
  };
  for (const l of catalog.lists) {
    if (!l.zh || !l.zh_hant) continue;
    for (const field of ['name', 'full_name', 'authority']) {
      if (l[field]) put(key('list', l.id, field), l[field], l.zh[field], l.zh_hant[field]);
    }
    (l.meaning || []).forEach((m, j) => put(key('list', l.id, 'meaning', j), m.text, l.zh.meaning[j], l.zh_hant.meaning[j]));
  }
  for (const e of catalog.entities) {
    if (e.name_zh) put(key('entity', e.id, 'name'), e.name, e.name_zh, e.name_zh_hant || e.name_zh);
  }
  return out;
}

/** A catalog text as an element: translated on the Chinese pages where the catalog has its
 * translation, else marked as English. */
function catalogText(tag, k, text, escape, messages, attrs = '') {
  const mark = k in messages.en ? ` data-i18n="${k}"` : ' lang="en"';
  return `<${tag}${attrs}${mark}>${escape(text)}</${tag}>`;
}

/** A link to an entity's directory entry, by its name in the reader's script. */
function entityLink(e, escape, messages) {
  return catalogText('a', key('entity', e.id, 'name'), e.name, escape, messages, ` href="directory.html#${escape(e.id)}"`);
}

function sourceCitation(source, escape) {
  const title = source.url
    ? `<a href="${escape(source.url)}" rel="noopener noreferrer">${escape(source.title)}</a>`
    : `<cite>${escape(source.title)}</cite>`;
  const details = [source.publisher, source.date].filter(Boolean).map(escape).join(', ');
  return `${title}${details ? ` — ${details}` : ''}`;
}

/**
 * The page's blocks built from the catalog. Their words are the site's messages
 * (www/src/locales/site.json, the English written out here is theirs: a test compares them), their
 * catalog texts carry the keys of `catalogMessages`, so the Chinese pages show both translated.
 */
export function catalogMarkers(catalog, escape) {
  const entitiesById = new Map(catalog.entities.map((e) => [e.id, e]));
  const messages = catalogMessages(catalog);
  const slot = (html) => `<span data-i18n-slot>${html}</span>`;

  const lists = catalog.lists.map((l) => {
    const { current, removed } = listMembers(catalog, l.id);
    const parts = [];
    if (current.length) {
      parts.push(current.length === 1
        ? `<span data-i18n-slot data-i18n-slots="siteMethodListCurrentOne">${slot('1')} catalog entity currently listed</span>`
        : `<span data-i18n-slot data-i18n-slots="siteMethodListCurrentMany">${slot(String(current.length))} catalog entities currently listed</span>`);
    }
    if (removed.length) {
      const names = removed.map((e) => entityLink(e, escape, messages)).join(', ');
      parts.push(`<span data-i18n-slot data-i18n-slots="siteMethodListRemoved">${slot(String(removed.length))} removed (${slot(names)})</span>`);
    }
    const members = parts.length === 2
      ? `<span data-i18n-slots="siteMethodListMembersTwo">In this catalog: ${parts[0]}; ${parts[1]}.</span>`
      : parts.length === 1
        ? `<span data-i18n-slots="siteMethodListMembers">In this catalog: ${parts[0]}.</span>`
        : '<span data-i18n="siteMethodListNoMembers">In this catalog: no entities.</span>';
    const meaning = (l.meaning || []).map((m, j) => catalogText('li', key('list', l.id, 'meaning', j), m.text, escape, messages)).join('');
    const url = l.url ? ` <a href="${escape(l.url)}" rel="noopener noreferrer" data-i18n="siteMethodListOfficial">official page</a>` : '';
    return `<dt>${catalogText('span', key('list', l.id, 'name'), l.name, escape, messages)}</dt>`
      + `<dd>${l.full_name ? `<p>${catalogText('span', key('list', l.id, 'full_name'), l.full_name, escape, messages)}</p>` : ''}`
      + `<p><span data-i18n-slots="siteMethodListKept">Kept by ${slot(catalogText('span', key('list', l.id, 'authority'), l.authority || '—', escape, messages))}.</span>${url}</p><p>${members}</p>`
      + `${meaning ? `<ul class="meaning">${meaning}</ul>` : ''}</dd>`;
  });

  const tierCounts = TIER_ORDER.map((t) => [t, catalog.entities.filter((e) => e.tier === t).length]);

  const sources = [...catalog.sources].sort((a, b) => (a.date || '').localeCompare(b.date || '')).map((s) =>
    `<tr><td>${sourceCitation(s, escape)}</td><td${CONFIDENCE_KEYS[s.confidence] ? ` data-i18n="${CONFIDENCE_KEYS[s.confidence]}"` : ''}>${escape(s.confidence)}</td></tr>`);

  const articles = catalog.sources.filter((s) => s.id.startsWith('article-'));
  const article = articles.map((s) => {
    const cited = catalog.entities.filter((e) =>
      [...(e.claims || []), ...(e.responses || [])].some((c) => c.source === s.id));
    return `<p class="article-ref" data-i18n-slots="siteMethodArticleCited"><span data-i18n-slot lang="en">${sourceCitation(s, escape)}</span>. `
      + `Cited on the cards of ${slot(String(cited.length))} entities: ${slot(cited.map((e) => entityLink(e, escape, messages)).join(', '))}.</p>`;
  });

  const weak = [];
  for (const e of catalog.entities) {
    for (const a of e.aliases || []) {
      if (!a.weak) continue;
      // The alias and its words are text a page may contain, in their own language.
      const words = (list) => (list || []).map((w) => `<span lang="${/[\u3400-\u9fff]/.test(w) ? 'zh' : 'en'}">${escape(w)}</span>`).join(', ') || '—';
      weak.push(`<tr><th scope="row" lang="en">${escape(a.text)}</th><td>${entityLink(e, escape, messages)}</td>`
        + `<td>${words(a.context)}</td><td>${words(a.exclude)}</td></tr>`);
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
    'catalog-article': article.join('') || '<p data-i18n="siteMethodNoArticle">No opinion or news article is cited by the cards.</p>',
    'catalog-context-words': catalog.context_words.map((w) => `<span lang="${/[\u3400-\u9fff]/.test(w) ? 'zh' : 'en'}">${escape(w)}</span>`).join(', '),
    'catalog-weak-aliases': weak.join(''),
    'catalog-cased-aliases': cased.join(', ') || '—',
    'catalog-parent-count': String([...entitiesById.values()].filter((e) => e.family).length),
  };
}
