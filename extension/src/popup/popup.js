/*
 * Popup: what the current tab's top frame found (entities with counts, every mention as an
 * accessible list, since screen readers don't see highlights), pause/resume for the site, and
 * the catalog version. Talks to the content script with tabs.sendMessage (no "tabs" permission:
 * the content script tells us its host name).
 */
// The shared classic scripts, for the globals they define (build-flags.js and constants.js, which
// the build writes, are classic scripts of the page and have run before this module).
import '../shared/platform.js';
import '../shared/storage.js';
import '../shared/i18n.js';
// For its choice of the Chinese name in the reader's script, which the card makes the same way.
import '../ui/card.js';
const { api, toBackground } = globalThis.bioflagPlatform;
const store = globalThis.bioflagStorage;
const { t, localize, uiLanguage } = globalThis.bioflagI18n;
const { chineseName } = globalThis.bioflagCard;
const $ = (id) => document.getElementById(id);

function text(tag, value, className) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.textContent = value;
  return el;
}

/**
 * How the popup names an entity: on a Chinese interface its Chinese name in the reader's script
 * first, with the English name (the catalog's name, as on the card) beside it; otherwise the
 * English name alone. `label` is the text a screen reader and speech input get.
 */
function names(entity) {
  const lang = uiLanguage();
  const zh = /^zh\b/i.test(lang) ? chineseName(entity, lang) : null;
  if (!zh) return { nodes: [text('span', entity.name, 'name')], short: entity.name, lang: '', label: entity.name };
  const local = text('span', zh.text, 'name');
  local.lang = zh.lang;
  const english = text('span', entity.name, 'name-en muted');
  english.lang = 'en';
  return { nodes: [local, english], short: zh.text, lang: zh.lang, label: `${zh.text} ${entity.name}` };
}

/**
 * The tab the popup describes: the active tab of its window. Test builds also accept `?tab=ID`,
 * because a popup opened as a tab (Firefox tests cannot open the real one) is its own active tab.
 */
async function activeTab() {
  const forced = globalThis.bioflagBuild && globalThis.bioflagBuild.test && new URLSearchParams(location.search).get('tab');
  if (forced) return api.tabs.get(Number(forced));
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

async function ask(tab, message) {
  return api.tabs.sendMessage(tab.id, message, { frameId: 0 });
}

async function goTo(tab, entity) {
  await ask(tab, { type: 'next', entity, focus: true });
  window.close();
}

/** Says which of the content script's limits cut its work on this page short (heavy pages). */
function limitsNote(limits) {
  if (!limits) return '';
  const parts = [];
  if (limits.text) parts.push(t('popupLimitText', [limits.text]));
  if (limits.mentions) parts.push(t('popupLimitMentions'));
  if (limits.frames) parts.push(t('popupLimitFrames', [limits.frames.scanned, limits.frames.total]));
  return parts.length ? t('popupLimits', [parts.join(t('popupLimitSeparator'))]) : '';
}

async function render() {
  const tab = await activeTab();
  let status = null;
  try {
    status = tab && (await ask(tab, { type: 'status' }));
  } catch (e) {
    status = null;
  }
  if (!status) {
    $('status').textContent = t('popupNotRunning');
    return;
  }
  // A paused page runs no engine: the catalog line then comes from the background's. Asked
  // before anything is shown, so the popup never shows half of a new state.
  const info = status.info || (await toBackground({ type: 'info' }).catch(() => ({}))).info;
  $('site').textContent = status.site;
  const pause = $('pause');
  pause.hidden = !status.site;
  pause.textContent = t(status.paused ? 'popupResumeOn' : 'popupPauseOn', [status.site]);
  pause.onclick = async () => {
    const pausing = !status.paused;
    await store.updateSettings((s) => {
      s.pausedSites = s.pausedSites.filter((h) => h !== status.site);
      if (pausing) s.pausedSites.push(status.site);
    });
    // The page applies the change on its own storage event: show its state once it has (a
    // resumed page first has to scan again), or whatever it says after two seconds.
    const end = Date.now() + 2000;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = await ask(tab, { type: 'status' }).catch(() => null);
      if (!now || (now.paused === pausing && (pausing || now.ready)) || Date.now() > end) break;
    }
    await render();
    pause.focus();
  };
  $('limits').textContent = limitsNote(status.limits);
  $('limits').hidden = !$('limits').textContent;
  if (info) $('catalog').textContent = t('popupCatalog', [info.version, info.updated || t('popupUnknownDate'), info.entities]);

  const counts = new Map();
  for (const m of status.mentions) {
    const c = counts.get(m.id) || { names: names(m), tier: m.tier, n: 0 };
    c.n++;
    counts.set(m.id, c);
  }
  $('status').textContent = status.paused
    ? t('popupPaused')
    : counts.size === 1 ? t('popupFlaggedOne', [status.mentions.length])
      : counts.size ? t('popupFlaggedMany', [counts.size, status.mentions.length]) : t('popupNothing');

  const list = $('entities');
  list.replaceChildren();
  for (const [id, c] of counts) {
    const b = text('button', '', 'entity');
    b.type = 'button';
    b.dataset.entity = id;
    const label = document.createElement('span');
    label.className = 'names';
    label.append(...c.names.nodes);
    b.append(label, ' ', text('span', String(c.n), 'count'));
    // Starts with the visible text (name, count), so speech input can target it by what it shows.
    const said = c.names.label;
    b.setAttribute('aria-label', c.n === 1 ? t('popupEntityButtonOne', [said]) : t('popupEntityButtonMany', [said, c.n]));
    b.onclick = () => goTo(tab, id);
    const li = document.createElement('li');
    li.append(b);
    list.append(li);
  }
  $('entities-section').hidden = counts.size === 0;

  const mentions = $('mentions');
  mentions.replaceChildren();
  for (const m of status.mentions) {
    const li = document.createElement('li');
    // The entity by its name in the interface's language; the page's own words stay as written.
    const { short, lang } = counts.get(m.id).names;
    const who = text('span', short, 'who');
    if (lang) who.lang = lang;
    li.append(text('strong', m.text), document.createTextNode(' — '), who, text('span', m.context, 'context muted'));
    mentions.append(li);
  }
  $('mentions-section').hidden = status.mentions.length === 0;
}

localize(document);
render();
