import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  type DataFrame,
  dataFrameChunks,
  leanDataFrames,
  releaseWrittenPayload,
} from "./spdyDataFrame.ts";

const require = createRequire(import.meta.url);
const Framer = require("spdy-transport").protocol.spdy.framer as {
  // biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
  prototype: { dataFrame: (this: any, f: DataFrame, cb?: () => void) => void };
};

/** A framer stand-in that records what dataFrame schedules, with spdy-transport's window call. */
function fakeFramer(version: number) {
  const scheduled: { stream: number; priority: unknown; chunks: Buffer[]; callback: unknown }[] =
    [];
  return {
    version,
    scheduled,
    window: { send: { update: (_d: number, cb?: () => void) => cb?.() } },
    _resetTimeout() {},
    schedule(w: (typeof scheduled)[number]) {
      scheduled.push(w);
    },
  };
}

describe("leanDataFrames", () => {
  const payload = (n: number) =>
    Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + 3) & 255));
  const cases: DataFrame[] = [
    { id: 1, priority: 0, fin: false, data: payload(0) },
    { id: 3, priority: 0, fin: true, data: payload(0) },
    { id: 5, priority: 2, fin: false, data: payload(1) },
    { id: 0x7ffffffd, priority: 0, fin: false, data: payload(55) },
    { id: 7, priority: 0, fin: true, data: payload(512) },
    { id: 9, priority: 0, fin: false, data: payload(70_000) },
  ];
  for (const version of [3, 3.1]) {
    it(`writes the bytes spdy-transport's framer writes (SPDY/${version})`, () => {
      for (const frame of cases) {
        const original = fakeFramer(version);
        const callback = () => {};
        Framer.prototype.dataFrame.call(original, frame, callback);
        const lean = fakeFramer(version);
        leanDataFrames(lean);
        (lean as unknown as { dataFrame: (f: DataFrame, cb: () => void) => void }).dataFrame(
          frame,
          callback,
        );
        expect(lean.scheduled).toHaveLength(1);
        const [a, b] = [original.scheduled[0]!, lean.scheduled[0]!];
        expect(Buffer.concat(b.chunks).equals(Buffer.concat(a.chunks))).toBe(true);
        expect([b.stream, b.priority, b.callback]).toEqual([a.stream, a.priority, a.callback]);
      }
    });
  }
});

describe("releaseWrittenPayload", () => {
  const frame = (data: Buffer): DataFrame => ({ id: 1, priority: 0, fin: false, data });
  it("frees a written payload that is all of its memory, as a socket read is", () => {
    const read = Buffer.from(new ArrayBuffer(65_536));
    dataFrameChunks(frame(read));
    releaseWrittenPayload(read);
    expect(read.buffer.byteLength).toBe(0);
  });
  it("leaves a slice of shared memory, a pooled buffer and a buffer it never framed", () => {
    const shared = Buffer.alloc(65_536);
    const slice = shared.subarray(0, 1024);
    const pooled = Buffer.from("pooled");
    const other = Buffer.from(new ArrayBuffer(1024));
    for (const b of [slice, pooled]) dataFrameChunks(frame(b));
    for (const b of [slice, pooled, other]) releaseWrittenPayload(b);
    expect([shared.buffer.byteLength, pooled.toString(), other.buffer.byteLength]).toEqual([
      65_536,
      "pooled",
      1024,
    ]);
  });
});
