// Writes the tray icons (ok / reconnecting / error) and the app icon as PNGs, with no image
// library: a filled disc, anti-aliased, in RGBA. Run: node scripts/makeIcons.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

type Rgb = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A disc of `fill` with a lighter ring "ferry" mark: readable at 16 px and at 512 px. */
export function discPng(size: number, fill: Rgb): Buffer {
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  const r = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const alpha = Math.max(0, Math.min(1, r - d + 0.5));
      // An inner ring in white makes the shape read on both light and dark panels.
      const ring = Math.abs(d - r * 0.55) < Math.max(0.6, size * 0.06);
      const [red, green, blue] = ring ? [255, 255, 255] : fill;
      row.set([red, green, blue, Math.round(alpha * 255)], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const COLOURS: Record<string, Rgb> = {
  ok: [34, 139, 84],
  reconnecting: [214, 142, 0],
  error: [200, 40, 40],
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
  mkdirSync(out, { recursive: true });
  for (const [name, colour] of Object.entries(COLOURS)) {
    writeFileSync(join(out, `tray-${name}.png`), discPng(16, colour));
    writeFileSync(join(out, `tray-${name}@2x.png`), discPng(32, colour));
  }
  writeFileSync(join(out, "icon.png"), discPng(512, [30, 90, 160]));
  console.log(`icons written to ${out}`);
}
