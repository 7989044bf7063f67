import { describe, expect, it } from "vitest";
import { DATA_BATCH_BYTES, LeanStream, type StreamHost } from "./leanStream.ts";

/** A tunnel stand-in that records DATA frames and lets the test say when its socket has room. */
function host() {
  const frames: Buffer[][] = [];
  const waiting: Array<() => void> = [];
  const h: StreamHost = {
    readFull() {},
    whenWritable: (cb) => void waiting.push(cb),
    sendData: (_id, payload) =>
      void frames.push(Buffer.isBuffer(payload) ? [payload] : [...payload]),
    reset() {},
    ended() {},
  };
  const drain = () => {
    for (const cb of waiting.splice(0)) cb();
  };
  return { h, frames, drain };
}

describe("LeanStream writes", () => {
  it("sends the writes queued behind a busy tunnel as one DATA frame, not one each", async () => {
    const { h, frames, drain } = host();
    const s = new LeanStream(h, 1, 3);
    const datagrams = Array.from({ length: 20 }, (_, i) => Buffer.alloc(512, i));
    for (const d of datagrams) s.write(d);
    drain(); // the first write's callback: the 19 queued behind it go out together
    await new Promise((r) => setImmediate(r));
    expect(frames.length).toBe(2);
    expect(frames[1]?.length).toBe(19);
    expect(Buffer.concat(frames.flat())).toEqual(Buffer.concat(datagrams));
    s.destroy();
  });

  it("caps one frame at DATA_BATCH_BYTES", async () => {
    const { h, frames, drain } = host();
    const s = new LeanStream(h, 1, 3);
    const chunks = Array.from({ length: 9 }, (_, i) => Buffer.alloc(16 * 1024, i));
    for (const c of chunks) s.write(c);
    drain();
    await new Promise((r) => setImmediate(r));
    const sizes = frames.map((f) => f.reduce((n, b) => n + b.length, 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(DATA_BATCH_BYTES);
    expect(frames.length).toBe(3); // 1 alone, then 4 + 4 queued
    expect(Buffer.concat(frames.flat())).toEqual(Buffer.concat(chunks));
    s.destroy();
  });
});
