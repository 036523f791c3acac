/*
 * Fetching a list from an https: URL, for the options page's import and the background's
 * subscription updates: one request, credentials omitted, a timeout, a size limit enforced while
 * the body arrives, and conditional requests (If-None-Match / If-Modified-Since) when the last
 * answer gave a validator. Classic script: defines `globalThis.bioflagListFetch`; needs
 * bioflagPlatform and bioflagI18n. Errors are Errors whose message is meant for the user.
 */
(function defineListFetch(global) {
  'use strict';
  const { api } = global.bioflagPlatform;
  const { t } = global.bioflagI18n;
  const build = global.bioflagBuild || /** @type {Partial<BioflagBuild>} */ ({});
  const MB = 1024 * 1024;
  /** The engine's limit for one list (src/catalog/load.rs). */
  const ENGINE_LIMIT = 64 * MB;
  /** How long a fetch may take, body included. Test builds shorten it to test the timeout. */
  const TIMEOUT_MS = build.importTimeoutMs || 30000;

  const megabytes = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

  /**
   * The largest list that can be stored: the engine's limit, or less where the browser caps
   * extension storage (Chromium: 10 MB for everything, unless the extension asks for
   * unlimitedStorage, which it does not) and says how much is in use. `freed`: bytes an update
   * gives back (the list it replaces).
   */
  async function sizeLimit(freed = 0) {
    const local = api.storage.local;
    if (typeof local.QUOTA_BYTES === 'number' && typeof local.getBytesInUse === 'function') {
      const free = local.QUOTA_BYTES - (await local.getBytesInUse(null)) + freed;
      if (free < ENGINE_LIMIT) return { bytes: Math.max(0, free), why: t('optionsStorageLeft', [megabytes(local.QUOTA_BYTES)]) };
    }
    return { bytes: ENGINE_LIMIT, why: t('optionsEngineLimit') };
  }

  /** The body as text, given up (and the download stopped) once it passes `limit` bytes. */
  async function readCapped(response, limit, controller) {
    const reader = response.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit.bytes) {
        controller.abort();
        throw new Error(t('optionsTooBigStream', [megabytes(limit.bytes), limit.why]));
      }
      chunks.push(value);
    }
    const body = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      body.set(c, at);
      at += c.byteLength;
    }
    return new TextDecoder().decode(body);
  }

  async function request(url, headers, freed) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(url, { credentials: 'omit', cache: 'no-store', headers, signal: controller.signal });
      if (response.status === 304) return { unchanged: true };
      if (!response.ok) throw new Error(t('optionsHttpStatus', [response.status]));
      // A declared size over the limit stops the download before the body is read.
      const declared = Number(response.headers.get('content-length'));
      const limit = await sizeLimit(freed);
      if (declared > limit.bytes) {
        controller.abort();
        throw new Error(t('optionsTooBigRemote', [megabytes(declared), megabytes(limit.bytes), limit.why]));
      }
      const type = (response.headers.get('content-type') || '').split(';')[0].trim();
      const text = await readCapped(response, limit, controller);
      // An HTML page (a login wall, an error page, a landing page) is the usual wrong answer.
      if (type === 'text/html' || /^\s*</.test(text)) throw new Error(t('optionsGotWebPage', [type || 'HTML']));
      if (!/^\s*[[{]/.test(text)) throw new Error(t('optionsNotJson', [type || t('optionsNoContentType')]));
      return { text, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
    } catch (e) {
      if (e.name === 'AbortError') throw new Error(t('optionsTimeout', [Math.round(TIMEOUT_MS / 1000)]), { cause: e });
      if (e instanceof TypeError) throw new Error(t('optionsRequestFailed', [e.message]), { cause: e });
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Fetches the list at `url`: `{text, etag, lastModified}`, or `{unchanged: true}` when the
   * server answers 304 to the validators given. (Chromium and Firefox send an extension's
   * conditional request without a CORS preflight, so a host that allows plain cross-origin
   * reads gets conditional ones too; the e2e tests check both.)
   */
  function fetchList(url, { etag = null, lastModified = null, freed = 0 } = {}) {
    const headers = {};
    if (etag) headers['if-none-match'] = etag;
    if (lastModified) headers['if-modified-since'] = lastModified;
    return request(url, headers, freed);
  }

  global.bioflagListFetch = Object.freeze({ fetchList, sizeLimit, megabytes, TIMEOUT_MS });
})(globalThis);
