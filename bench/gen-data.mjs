// Generates the benchmark inputs, deterministically (same seed, same bytes), into target/bench/:
//   page-text.json   ~10 MB of realistic page text as blocks (what the extension sends the
//                    engine): prose, product listings, tables, navigation, some curly quotes,
//                    accents and Chinese, and now and then a flagged name (BGI Genomics...).
//   clean-text.json  the same kind of text with no flagged name at all (the prefilter's case).
//   names-10k.json, names-100k.json   imported lists (bioflag format) of synthetic company names,
//                    (the engine must carry them; the page text does not name them).
// Usage: node bench/gen-data.mjs [outDir]
import { mkdirSync, writeFileSync } from 'node:fs';

const outDir = process.argv[2] ?? new URL('../target/bench/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });

let seed = 0x2545f491;
function random() {
  // xorshift32: fast, deterministic across runs and machines.
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an ' +
  'they you were her she there one all we their can has more will about if would when up out so what time ' +
  'people year new also into just like only over other some could them than then now its two first way ' +
  'customers shipping delivery order price review quality product results health research data company ' +
  'market report growth team service support sample genome testing laboratory clinical patient hospital ' +
  'announced partnership solutions platform sequencing analysis technology global network program public ' +
  'security institute science international group development management university students'
).split(' ');
const CAPS = 'Amazon Google Thermo Fisher Illumina Qiagen Roche Novartis Pfizer Siemens Berlin London Texas Ohio Monday April'.split(' ');
const PUNCT = ['. ', ', ', '; ', ': ', ' — ', '’s ', ' “', '” ', ' (', ') ', '! ', '? '];
const FLAGGED = ['BGI Genomics', 'MGI Tech', 'Complete Genomics, Inc.', 'WuXi AppTec', 'BGI’s sequencing lab',
  'Forensic Genomics International', '华大基因', 'the Ministry of Public Security’s Institute of Forensic Science'];
const ZH = '我们的产品质量很好欢迎选购本店所有商品均为正品假一赔十支持七天无理由退换货全国包邮'.split('');

function sentence(flagRate) {
  let s = pick(CAPS) + ' ';
  const n = int(6, 28);
  for (let i = 0; i < n; i++) {
    s += random() < 0.08 ? pick(CAPS) : pick(WORDS);
    s += random() < 0.12 ? pick(PUNCT) : ' ';
    if (random() < 0.01) s += 'café ';
    if (flagRate > 0 && random() < flagRate) s += pick(FLAGGED) + ' ';
  }
  return s.trim() + '.';
}

function block(flagRate) {
  const r = random();
  if (r < 0.45) {
    let p = '';
    for (let i = int(1, 6); i > 0; i--) p += sentence(flagRate) + ' ';
    return p.trim();
  }
  if (r < 0.65) return `${pick(CAPS)} ${pick(WORDS)} ${pick(WORDS)} kit, ${int(1, 99)}.${int(10, 99)} USD, ${int(1, 5)} stars`;
  if (r < 0.85) return pick(WORDS) + (random() < 0.5 ? ' ' + pick(WORDS) : ''); // nav links, table cells
  if (r < 0.9) {
    let z = '';
    for (let i = int(8, 60); i > 0; i--) z += pick(ZH);
    return z;
  }
  return sentence(flagRate);
}

function page(bytes, flagRate) {
  const blocks = [];
  let total = 0;
  while (total < bytes) {
    const b = block(flagRate);
    blocks.push(b);
    total += Buffer.byteLength(b);
  }
  return blocks;
}

const SIZE = 10 * 1024 * 1024;
writeFileSync(`${outDir}/page-text.json`, JSON.stringify(page(SIZE, 0.002)));
writeFileSync(`${outDir}/clean-text.json`, JSON.stringify(page(SIZE, 0)));

const PREFIX = 'Zhejiang Jiangsu Hangzhou Suzhou Guangdong Anhui Hubei Sichuan Fujian Henan Hebei Yunnan Tianjin Chongqing Ningbo Xiamen Dalian Qingdao'.split(' ');
const SYLL = 'heng rui kang tai xin hua jin long feng yuan sheng da bao li chang an ming de fu hai kai tong rong'.split(' ');
const SECTOR = 'Biotech Pharmaceutical Medical Instruments Chemical Diagnostics Genetics Electronics Materials Logistics Trading Precision Optics Software'.split(' ');
const LEGAL = ['Co., Ltd.', 'Inc.', 'Corporation', 'Group Co., Ltd.', 'Limited', 'Technology Co., Ltd.'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);

function names(count) {
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    const root = cap(pick(SYLL) + pick(SYLL)) + (random() < 0.3 ? cap(pick(SYLL)) : '');
    const name = `${pick(PREFIX)} ${root} ${pick(SECTOR)} ${pick(LEGAL)}`;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

for (const [file, count] of [['names-10k.json', 10_000], ['names-100k.json', 100_000]]) {
  const list = names(count);
  const entities = list.map((name, i) => ({ id: `n${i}`, name }));
  writeFileSync(`${outDir}/${file}`, JSON.stringify({ schema: 1, name: `synthetic ${count} names`, entities }));
}
console.log(`bench data written to ${outDir}`);
