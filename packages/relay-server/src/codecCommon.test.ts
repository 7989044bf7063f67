import { createSocket } from "node:dgram";
import { once } from "node:events";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { writeMuxFrame } from "./muxCodec.ts";

describe("writeCorked", () => {
  it("writes the datagrams of one poll in one writev, not one write per datagram", async () => {
    const calls: Buffer[][] = [];
    const tunnel = new Writable({
      write(chunk: Buffer, _enc, cb) {
        calls.push([chunk]);
        cb();
      },
      writev(chunks, cb) {
        calls.push(chunks.map((c) => c.chunk as Buffer));
        cb();
      },
    });
    const inbox = createSocket("udp4");
    const sender = createSocket("udp4");
    inbox.bind(0, "127.0.0.1");
    await once(inbox, "listening");
    const count = 20;
    let got = 0;
    inbox.on("message", (msg) => {
      got += 1;
      writeMuxFrame(tunnel, 1, msg);
    });
    // Sent before the receiver's event loop polls: the kernel holds all of them at once.
    for (let i = 0; i < count; i++)
      sender.send(Buffer.from([i]), inbox.address().port, "127.0.0.1");
    while (got < count) await sleep(5);
    await sleep(5);
    sender.close();
    inbox.close();
    const frames = calls.flat();
    expect(frames.map((f) => f[8])).toEqual(Array.from({ length: count }, (_, i) => i));
    // dgram emits each datagram in its own callback; a nextTick uncork would give 20 calls.
    expect(calls.length).toBeLessThan(count / 2);
  });
});
