// SPDY header blocks are zlib with a fixed dictionary, one stream per direction for the whole
// session. Node's zlib streams run every block through the thread pool (two hops per
// SYN_STREAM/SYN_REPLY); pako does the same synchronously, which takes those hops out of every
// new connection's set-up. Blocks are a few dozen bytes, so pure JS costs nothing measurable.

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

export function headerDeflate(dictionary: Buffer): HeaderCodec {
  // windowBits 11 as spdy-transport uses; header blocks are small, so is the output buffer
  // pako allocates per block. Level 1: blocks are ~40 bytes and any level inflates the same;
  // the default level's deflate_slow was 7.5 % of the set-up CPU (bench, issue 16).
  return codec(new pako.Deflate({ dictionary, windowBits: 11, chunkSize: 1024, level: 1 }));
}

export function headerInflate(dictionary: Buffer): HeaderCodec {
  return codec(new pako.Inflate({ dictionary, chunkSize: 1024 }));
}
