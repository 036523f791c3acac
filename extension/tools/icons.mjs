// Draws the toolbar icon (a highlighter-style underline under a dark "b" block) as PNGs, so the
// repository holds no binary files.   node extension/tools/icons.mjs <out-dir>
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c;
  let crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      let rgba = [0, 0, 0, 0];
      const inBox = u > 0.08 && u < 0.92 && v > 0.08 && v < 0.92;
      if (inBox) rgba = [255, 193, 7, 255]; // highlighter yellow
      if (inBox && v > 0.72 && v < 0.84) rgba = [179, 38, 30, 255]; // red underline
      const stem = u > 0.26 && u < 0.4 && v > 0.18 && v < 0.66;
      const bowl = (u - 0.5) ** 2 + (v - 0.5) ** 2 < 0.028 && !((u - 0.5) ** 2 + (v - 0.5) ** 2 < 0.009) && u > 0.33;
      if (stem || bowl) rgba = [27, 27, 31, 255];
      row.set(rgba, 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = process.argv[2];
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`${out}/icon${size}.png`, png(size));
