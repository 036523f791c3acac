// The real toolbar popup in Chromium. `chrome.action.openPopup()` (called from the service
// worker) opens it for the active tab, as a click on the toolbar button would, but Playwright
// does not attach to extension popups. So the test launches Chromium with a DevTools port too and
// talks to the popup's target over the raw DevTools protocol: evaluate JS, click with real mouse
// events. WebSocket: Node's own where it has one (22+), else the `ws` package that
// selenium-webdriver already depends on; only the WHATWG interface both share is used.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from './harness.mjs';

const WebSocketImpl = globalThis.WebSocket ?? (await import('ws')).default;

/** The DevTools port Chromium picked for `--remote-debugging-port=0` (written to the profile). */
export function devtoolsPort(profileDir) {
  return Number(readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
}

async function targets(port) {
  return (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
}

/** Opens the action popup over the active tab and returns a handle on its page. */
export async function openActionPopup(worker, port) {
  const isPopup = (t) => t.type === 'page' && t.url.endsWith('/popup/popup.html');
  await until(async () => !(await targets(port)).some(isPopup), 3000, 'previous popup closed');
  await worker.evaluate(() => chrome.action.openPopup());
  const target = await until(async () => (await targets(port)).find(isPopup), 5000, 'popup target');
  const ws = new WebSocketImpl(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error(`cannot connect to ${target.webSocketDebuggerUrl}`));
  });
  let nextId = 0;
  const waiting = new Map();
  const closed = new Promise((resolve) => { ws.onclose = resolve; });
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(`${msg.error.message} ${msg.error.data || ''}`));
    else w.resolve(msg.result);
  };
  closed.then(() => { for (const w of waiting.values()) w.reject(new Error('popup closed')); });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });

  /** Evaluates `fn` (a function, serialised, or a script) in the popup with JSON-able `args`. */
  async function evaluate(fn, ...args) {
    const expression = typeof fn === 'string' ? fn : `(${fn})(...${JSON.stringify(args)})`;
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`popup: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
    return result.value;
  }

  /** A real mouse click on the centre of the element matching `selector`. */
  async function click(selector) {
    const box = await evaluate((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, selector);
    for (const type of ['mousePressed', 'mouseReleased']) {
      // A click may close the popup (it does after "show the next one") before it answers.
      await send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 })
        .catch((e) => { if (!/popup closed/.test(e.message)) throw e; });
    }
  }

  /** Closes the popup (as clicking elsewhere would) and waits until it is gone. */
  async function close() {
    if (ws.readyState === WebSocketImpl.OPEN) await evaluate(() => { setTimeout(() => window.close(), 0); }).catch(() => {});
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
    ws.close();
  }

  /** PNG bytes of the popup as rendered. */
  async function screenshot() {
    return Buffer.from((await send('Page.captureScreenshot', { format: 'png' })).data, 'base64');
  }

  return { evaluate, click, screenshot, closed, isOpen: () => ws.readyState === WebSocketImpl.OPEN, close };
}
