// SPDY/3.1 frames Ferry sends, and the header blocks both ways (before zlib: a count, then
// length-prefixed names and values, all 32-bit big-endian).

import { FLAG_FIN, PING, RST_STREAM, SPDY_VERSION, SYN_STREAM } from "./spdyFrameReader.ts";

/** RST_STREAM status codes (SPDY/3.1 2.6.3). */
export const RST_PROTOCOL_ERROR = 1;
export const RST_REFUSED_STREAM = 3;
export const RST_CANCEL = 5;

function control(type: number, flags: number, length: number): Buffer {
  const b = Buffer.allocUnsafe(8 + length);
  b.writeUInt32BE((0x8000 | SPDY_VERSION) * 0x10000 + type, 0);
  b.writeUInt32BE(flags * 0x1000000 + length, 4);
  return b;
}

export function synStreamFrame(streamId: number, fin: boolean, headerBlock: Buffer): Buffer {
  const b = control(SYN_STREAM, fin ? FLAG_FIN : 0, 10 + headerBlock.length);
  b.writeUInt32BE(streamId, 8);
  b.writeUInt32BE(0, 12); // associated stream
  b.writeUInt16BE(0, 16); // priority 0 (highest), slot 0
  headerBlock.copy(b, 18);
  return b;
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  const b = control(RST_STREAM, 0, 8);
  b.writeUInt32BE(streamId, 8);
  b.writeUInt32BE(status, 12);
  return b;
}

export function pingFrame(id: number): Buffer {
  const b = control(PING, 0, 4);
  b.writeUInt32BE(id, 8);
  return b;
}

/** The 8 bytes in front of a DATA payload, written into `into` at `at`. */
export function writeDataHeader(
  into: Buffer,
  at: number,
  streamId: number,
  fin: boolean,
  length: number,
): void {
  into.writeUInt32BE(streamId, at);
  into.writeUInt32BE((fin ? FLAG_FIN : 0) * 0x1000000 + length, at + 4);
}

export function encodeHeaderBlock(headers: Record<string, string>): Buffer {
  const entries = Object.entries(headers).map(
    ([k, v]) => [Buffer.from(k.toLowerCase()), Buffer.from(v)] as const,
  );
  let size = 4;
  for (const [k, v] of entries) size += 8 + k.length + v.length;
  const b = Buffer.allocUnsafe(size);
  let at = b.writeUInt32BE(entries.length, 0);
  for (const [k, v] of entries) {
    at = b.writeUInt32BE(k.length, at);
    at += k.copy(b, at);
    at = b.writeUInt32BE(v.length, at);
    at += v.copy(b, at);
  }
  return b;
}

/** Throws on a malformed block (the caller turns that into a tunnel error). */
export function decodeHeaderBlock(b: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  if (b.length === 0) return out;
  const read = (at: number): [string, number] => {
    if (at + 4 > b.length) throw new Error("header block truncated");
    const n = b.readUInt32BE(at);
    if (at + 4 + n > b.length) throw new Error("header block truncated");
    return [b.toString("latin1", at + 4, at + 4 + n), at + 4 + n];
  };
  if (b.length < 4) throw new Error("header block truncated");
  const count = b.readUInt32BE(0);
  let at = 4;
  for (let i = 0; i < count; i++) {
    const [k, next] = read(at);
    const [v, after] = read(next);
    out[k] = v;
    at = after;
  }
  return out;
}
