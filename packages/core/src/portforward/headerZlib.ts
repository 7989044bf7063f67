// SPDY header blocks are zlib with a fixed dictionary, one stream per direction for the whole
// session. Node's zlib streams run every block through the thread pool (two hops per
// SYN_STREAM/SYN_REPLY); pako inflates synchronously, which takes those hops out of every new
// connection's set-up. Ours are deflated as stored blocks (below).

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface PakoStream {
  push(data: Uint8Array, flush: number): boolean;
  onData: (chunk: Uint8Array) => void;
  onEnd: (status: number) => void;
  err: number;
  msg: string;
}
type PakoCtor = new (options: Record<string, unknown>) => PakoStream;
const pako = require("pako") as {
  Deflate: PakoCtor;
  Inflate: PakoCtor;
  constants: { Z_SYNC_FLUSH: number };
};

/** What spdy-transport's framer and parser call to (de)compress a header block. */
export interface HeaderCodec {
  write(chunks: Buffer[], cb: (err: Error | null, out?: Buffer[]) => void): void;
}

function codec(stream: PakoStream): HeaderCodec {
  let out: Buffer[] = [];
  stream.onData = (chunk) => {
    // pako reuses its output buffer: keep a copy.
    out.push(Buffer.from(chunk));
  };
  // pako ends the stream on a zlib error and reports it here (its default keeps the output).
  let failure = "";
  stream.onEnd = (status) => {
    if (status !== 0) failure = `zlib error ${status}`;
  };
  return {
    write(chunks, cb) {
      out = [];
      const input = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const ok = stream.push(input, pako.constants.Z_SYNC_FLUSH);
      if (!ok || failure) cb(new Error(`SPDY header block: ${failure || "zlib stream ended"}`));
      else cb(null, out);
    },
  };
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The empty stored block a Z_SYNC_FLUSH ends with (RFC 1951 3.2.4; what zlib writes). */
const SYNC_MARK = Buffer.from([0, 0, 0, 0xff, 0xff]);
const STORED_MAX = 0xffff;

/**
 * Deflate at level 0, written directly: stored blocks (RFC 1951 3.2.4) after a zlib header that
 * names the dictionary (RFC 1950), each block ended as Z_SYNC_FLUSH ends it. Any inflater reads
 * them, as it reads any level; a header block is ~60 bytes, so compressing it saved ~20 bytes per
 * stream for pako's Deflate.push, 12 % of the set-up's CPU even at level 1 (bench, issue 16).
 * The stream never ends, so the data's adler32 trailer is never due.
 */
export function headerDeflate(dictionary: Buffer): HeaderCodec {
  // CMF: deflate with a 2 KiB window (windowBits 11, as spdy-transport's peers inflate with);
  // FLG: FDICT, and the check bits that make CMF·256+FLG a multiple of 31.
  const cmf = 0x38;
  const flg = 0x20 + (31 - ((cmf * 256 + 0x20) % 31));
  const start = Buffer.alloc(6);
  start[0] = cmf;
  start[1] = flg;
  start.writeUInt32BE(adler32(dictionary), 2);
  let started = false;
  return {
    write(chunks, cb) {
      const input = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const blocks = Math.max(1, Math.ceil(input.length / STORED_MAX));
      const head = started ? 0 : start.length;
      const out = Buffer.allocUnsafe(head + input.length + 5 * blocks + SYNC_MARK.length);
      if (!started) start.copy(out, 0);
      started = true;
      let at = head;
      for (let from = 0; from < input.length || at === head; ) {
        const len = Math.min(STORED_MAX, input.length - from);
        out[at] = 0; // BFINAL 0, BTYPE 00 (stored); the block starts on a byte boundary
        out.writeUInt16LE(len, at + 1);
        out.writeUInt16LE(~len & 0xffff, at + 3);
        input.copy(out, at + 5, from, from + len);
        at += 5 + len;
        from += len;
      }
      SYNC_MARK.copy(out, at);
      cb(null, [out]);
    },
  };
}

export function headerInflate(dictionary: Buffer): HeaderCodec {
  return codec(new pako.Inflate({ dictionary, chunkSize: 1024 }));
}
