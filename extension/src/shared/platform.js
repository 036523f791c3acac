/*
 * The one place that knows Chromium from Firefox. Classic script: defines
 * `globalThis.bioflagPlatform` for content scripts, the background and the extension pages.
 */
(function definePlatform(global) {
  'use strict';
  // Firefox exposes `browser` with promise-returning APIs; Chromium's `chrome` also returns
  // promises in MV3, so both are used the same way.
  const api = global.browser ?? global.chrome;

  /** Sends a message to the background; resolves to its answer or rejects with its error. */
  async function toBackground(message) {
    const answer = await api.runtime.sendMessage(message);
    if (answer && answer.error) throw Object.assign(new Error(answer.error.message || 'background error'), answer.error);
    return answer;
  }

  // Closed shadow roots are hidden from pages but not from extensions: Firefox gives elements an
  // `openOrClosedShadowRoot` property (a property read), Chromium the chrome.dom API (an
  // extension API call per element, so callers ask only of elements that can host one).
  const chromeDom = global.chrome && global.chrome.dom && typeof global.chrome.dom.openOrClosedShadowRoot === 'function'
    ? global.chrome.dom : null;

  /** The shadow root of `el`, open or closed, or null. */
  function openOrClosedShadowRoot(el) {
    if ('openOrClosedShadowRoot' in el) return /** @type {ShadowRoot | null} */ (el.openOrClosedShadowRoot);
    return chromeDom ? chromeDom.openOrClosedShadowRoot(/** @type {HTMLElement} */ (el)) : null;
  }

  global.bioflagPlatform = Object.freeze({
    api,
    toBackground,
    openOrClosedShadowRoot,
    /** True in the extension's own pages and background, false in content scripts (the page's origin). */
    isExtensionPage: () => /^(chrome|moz)-extension:$/.test(global.location.protocol),
    /** URL of a file packaged in the extension. */
    url: (path) => api.runtime.getURL(path),
  });
})(globalThis);
