// Generated HTML pages for the end-to-end benchmark (bench/e2e.mjs), built deterministically from
// the page text of bench/gen-data.mjs (target/bench/page-text.json): the blocks in order, laid out
// as a realistic page — sections with headings and paragraphs whose words are now and then inline
// links, <span>s, <em>/<strong> (a flagged name may be split by them, as on real pages), product
// tables, navigation lists and link lists — pretty-printed, so whitespace text nodes sit between
// the elements as in real HTML. No script of its own except `settle` (a same-origin script at the
// end of the body, served late, so the page has laid out and painted what it parsed before it is
// done loading; the script forces style and layout: that work is not charged to whatever runs at
// document_idle).
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let seed = 0;
function random() {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const INLINE = [
  (t) => `<a href="#r${int(1, 9999)}">${t}</a>`,
  (t) => `<span class="tag">${t}</span>`,
  (t) => `<em>${t}</em>`,
  (t) => `<strong>${t}</strong>`,
  (t) => `<a href="#s${int(1, 9999)}" class="ref"><span>${t}</span></a>`,
];

/** A paragraph of `text` with 0–4 runs of 1–3 words turned into inline elements. */
function prose(text) {
  const words = text.split(' ');
  const out = [];
  let i = 0;
  const runs = words.length > 6 ? int(0, 4) : 0;
  const at = new Set();
  for (let r = 0; r < runs; r++) at.add(int(0, words.length - 1));
  while (i < words.length) {
    if (at.has(i)) {
      const n = int(1, 3);
      out.push(INLINE[int(0, INLINE.length - 1)](esc(words.slice(i, i + n).join(' '))));
      i += n;
    } else {
      out.push(esc(words[i]));
      i++;
    }
  }
  return out.join(' ');
}

const kind = (b) => (/ USD, \d stars$/.test(b) ? 'product' : b.length < 40 ? 'short' : 'prose');

/**
 * An HTML page holding at least `bytes` of UTF-8 text from `blocks` (strings); `settle` is the URL
 * of the layout-forcing script. Returns {html, textBytes, blocks}.
 */
export function htmlPage(blocks, bytes, { title = 'Generated page', settle = '/bench/settle.js?delay=300' } = {}) {
  seed = 0x1234567 ^ bytes;
  const parts = [`<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${esc(title)}</title>\n`,
    '<style>body{font:15px/1.45 sans-serif;margin:0 auto;max-width:70em;padding:1em} nav ul{display:flex;flex-wrap:wrap;gap:.6em;list-style:none;padding:0} td{padding:.2em .5em;border-bottom:1px solid #ddd} .tag{color:#555}</style>\n',
    '</head>\n<body>\n<header>\n<h1>Generated page</h1>\n</header>\n<main>\n'];
  let textBytes = 0;
  let i = 0;
  let section = 0;
  while (textBytes < bytes && i < blocks.length) {
    // Gather a run of blocks of one kind and lay it out as that kind of element.
    const k = kind(blocks[i]);
    const run = [];
    while (i < blocks.length && kind(blocks[i]) === k && run.length < 40) run.push(blocks[i++]);
    for (const b of run) textBytes += Buffer.byteLength(b);
    if (k === 'prose') {
      parts.push(`<section id="s${++section}">\n<h2>${esc(run[0].split(' ').slice(0, 4).join(' '))}</h2>\n`);
      for (const b of run) parts.push(`<p>${prose(b)}</p>\n`);
      parts.push('</section>\n');
    } else if (k === 'product') {
      parts.push('<table>\n<tbody>\n');
      for (const b of run) {
        const [name, price, stars] = b.split(', ');
        parts.push(`<tr><td><a href="#p${int(1, 9999)}">${esc(name)}</a>, </td><td><span class="price">${esc(price)}</span>, </td><td>${esc(stars)}</td></tr>\n`);
      }
      parts.push('</tbody>\n</table>\n');
    } else if (run.length > 3 && random() < 0.5) {
      parts.push('<nav>\n<ul>\n');
      for (const b of run) parts.push(`<li><a href="#n${int(1, 9999)}">${esc(b)}</a></li>\n`);
      parts.push('</ul>\n</nav>\n');
    } else {
      parts.push('<ul>\n');
      for (const b of run) parts.push(`<li>${esc(b)}</li>\n`);
      parts.push('</ul>\n');
    }
  }
  parts.push('</main>\n<footer><p>Generated for the bioflag benchmarks.</p></footer>\n');
  if (settle) parts.push(`<script src="${settle}"></script>\n`);
  parts.push('</body>\n</html>\n');
  return { html: parts.join(''), textBytes, blocks: i };
}
