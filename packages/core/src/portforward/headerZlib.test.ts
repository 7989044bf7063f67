import { createRequire } from "node:module";
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type HeaderCodec, headerDeflate, headerInflate } from "./headerZlib.ts";

const require = createRequire(import.meta.url);
const dictionary = (
  require("spdy-transport") as { protocol: { spdy: { dictionary: Record<string, Buffer> } } }
).protocol.spdy.dictionary["3.1"]!;

/** One block through a long-lived Node zlib stream (the real zlib, as Go's peers use it). */
function nodeBlock(z: Deflate | Inflate, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const onData = (c: Buffer) => out.push(c);
    z.on("data", onData);
    z.write(input, (err) => {
      if (err) return reject(err);
      z.flush(constants.Z_SYNC_FLUSH, () => {
        z.off("data", onData);
        resolve(Buffer.concat(out));
      });
    });
  });
}

function block(codec: HeaderCodec, input: Buffer): Buffer {
  let result: Buffer | null = null;
  codec.write([input], (err, out) => {
    if (err) throw err;
    result = Buffer.concat(out ?? []);
  });
  // The codec is synchronous: the callback has run by now.
  expect(result).not.toBeNull();
  return result!;
}

const headerBlocks = [
  Buffer.from(
    "\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u000astreamtype\u0000\u0000\u0000\u0004data",
  ),
  Buffer.from("port 8080 requestid 1 streamtype error"),
  Buffer.from("port 8080 requestid 2 streamtype data"),
];

describe("SPDY header zlib (synchronous)", () => {
  it("what it compresses, real zlib inflates with the SPDY dictionary, block after block", async () => {
    const ours = headerDeflate(dictionary);
    const theirs = createInflate({ dictionary });
    for (const b of headerBlocks) expect(await nodeBlock(theirs, block(ours, b))).toEqual(b);
  });

  it("real zlib with spdy-transport's 2 KiB window inflates it too, and pako does", async () => {
    const ours = headerDeflate(dictionary);
    const theirs = createInflate({ dictionary, windowBits: 11 });
    const pako = headerInflate(dictionary);
    for (const b of headerBlocks) {
      const deflated = block(ours, b);
      expect(await nodeBlock(theirs, deflated)).toEqual(b);
      expect(block(pako, deflated)).toEqual(b);
    }
  });

  it("splits a block longer than a stored block holds, and passes an empty one", async () => {
    const ours = headerDeflate(dictionary);
    const theirs = createInflate({ dictionary });
    const big = Buffer.alloc(150_000, "header value ");
    for (const b of [big, Buffer.alloc(0), headerBlocks[0]!])
      expect(await nodeBlock(theirs, block(ours, b))).toEqual(b);
  });

  it("inflates what real zlib compresses with the SPDY dictionary, block after block", async () => {
    const theirs = createDeflate({ dictionary, windowBits: 11 });
    const ours = headerInflate(dictionary);
    for (const b of headerBlocks) expect(block(ours, await nodeBlock(theirs, b))).toEqual(b);
  });

  it("reports corrupt input as an error", () => {
    const ours = headerInflate(dictionary);
    let error: Error | null = null;
    ours.write([Buffer.from("definitely not zlib")], (err) => {
      error = err;
    });
    expect(error).toBeInstanceOf(Error);
  });
});
