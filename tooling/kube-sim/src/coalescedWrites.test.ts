import { once } from "node:events";
import { Writable } from "node:stream";
import { setImmediate as immediate } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { writeCoalescer } from "./coalescedWrites.ts";

/** A sink that records each call it gets: a write or a writev, with the chunks' text. */
function recordingSink() {
  const calls: string[][] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      calls.push([chunk.toString()]);
      cb();
    },
    writev(chunks, cb) {
      calls.push(chunks.map((c) => (c.chunk as Buffer).toString()));
      cb();
    },
  });
  return { sink, calls };
}

describe("writeCoalescer", () => {
  it("hands the writes of one turn to the socket in one call, and the next turn's in another", async () => {
    const { sink, calls } = recordingSink();
    const before = writeCoalescer(sink);
    for (const s of ["a", "b", "c"]) {
      before();
      sink.write(s);
    }
    expect(calls).toEqual([]);
    await immediate();
    expect(calls).toEqual([["a", "b", "c"]]);
    for (const s of ["d", "e"]) {
      before();
      sink.write(s);
    }
    await immediate();
    expect(calls).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("loses nothing when the stream ends while corked", async () => {
    const { sink, calls } = recordingSink();
    const before = writeCoalescer(sink);
    before();
    sink.write("x");
    before();
    sink.end("y");
    await once(sink, "finish");
    expect(calls.flat()).toEqual(["x", "y"]);
    before(); // after the end: a no-op, not a write after end
    await immediate();
    expect(calls.flat()).toEqual(["x", "y"]);
  });
});
