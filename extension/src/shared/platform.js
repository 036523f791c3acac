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

  global.bioflagPlatform = Object.freeze({
    api,
    toBackground,
    /** URL of a file packaged in the extension. */
    url: (path) => api.runtime.getURL(path),
  });
})(globalThis);
