import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { wsFrameHeader } from "./wsFrameHeader.ts";

// ws's frame reader, the one its clients use; @types/ws does not declare it.
const { Receiver } = createRequire(import.meta.url)("ws") as {
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => Writable;
};

/** Feeds header + payload, in `pieces` reads, to `ws`'s own client-side frame reader. */
function readBack(payload: Buffer, pieces: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on("message", (data: Buffer, isBinary: boolean) =>
      isBinary ? resolve(data) : reject(new Error("not binary")),
    );
    receiver.on("error", reject);
    const bytes = Buffer.concat([wsFrameHeader(payload.length), payload]);
    const step = Math.ceil(bytes.length / pieces);
    for (let i = 0; i < bytes.length; i += step) receiver.write(bytes.subarray(i, i + step));
  });
}

describe("wsFrameHeader", () => {
  // Each length encoding and its edges: 7-bit, 16-bit and 64-bit lengths.
  for (const n of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000, 1_048_584]) {
    it(`frames ${n} bytes as one binary message that ws reads back`, async () => {
      const payload = Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255));
      const got = await readBack(payload, n > 1000 ? 7 : 1);
      expect(got.equals(payload)).toBe(true);
    });
  }
  it("uses the shortest length encoding", () => {
    expect([125, 126, 65_535, 65_536].map((n) => wsFrameHeader(n).length)).toEqual([2, 4, 4, 10]);
  });
});
