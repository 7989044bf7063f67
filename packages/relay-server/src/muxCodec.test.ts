import { describe, expect, it } from "vitest";
import { CodecError, MAX_DATAGRAM } from "./codecCommon.ts";
import {
  encodeMuxFrame,
  MAX_PEER_ID,
  MUX_HEADER_BYTES,
  type MuxDatagram,
  MuxFrameDecoder,
} from "./muxCodec.ts";

/** A small deterministic generator, so a failing split can be replayed from its seed. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

function datagrams(seed: number, count: number): MuxDatagram[] {
  const rnd = lcg(seed);
  return Array.from({ length: count }, (_, i) => {
    const size = [0, 1, 2, 7, 8, 9, 512, 1400, MAX_DATAGRAM][rnd(9)]!;
    const payload = Buffer.allocUnsafe(size);
    for (let j = 0; j < size; j++) payload[j] = (j * 13 + i) & 0xff;
    return { peer: [0, 1, 0xffff, MAX_PEER_ID, rnd(1_000_000)][rnd(5)]!, payload };
  });
}

const encode = (ds: MuxDatagram[]) =>
  Buffer.concat(ds.map((d) => encodeMuxFrame(d.peer, d.payload)));

describe("encodeMuxFrame", () => {
  it("writes the payload length, then the peer id, both u32 big-endian, then the payload", () => {
    expect([...encodeMuxFrame(0x01020304, Buffer.from("hi"))]).toEqual([
      0, 0, 0, 2, 1, 2, 3, 4, 104, 105,
    ]);
    expect(encodeMuxFrame(7, Buffer.alloc(0)).length).toBe(MUX_HEADER_BYTES);
  });

  it("refuses a peer id outside u32 and a datagram over 65507 bytes", () => {
    for (const bad of [-1, MAX_PEER_ID + 1, 1.5, Number.NaN])
      expect(() => encodeMuxFrame(bad, Buffer.alloc(1))).toThrow(
        expect.objectContaining({ code: "INVALID_PEER_ID" }),
      );
    expect(() => encodeMuxFrame(1, Buffer.alloc(MAX_DATAGRAM + 1))).toThrow(
      expect.objectContaining({ code: "DATAGRAM_TOO_LARGE" }),
    );
    expect(encodeMuxFrame(1, Buffer.alloc(MAX_DATAGRAM)).length).toBe(
      MAX_DATAGRAM + MUX_HEADER_BYTES,
    );
  });
});

describe("MuxFrameDecoder", () => {
  it("decodes back-to-back frames in one chunk and byte by byte", () => {
    const ds = datagrams(1, 30);
    const stream = encode(ds);
    expect(new MuxFrameDecoder().push(stream)).toEqual(ds);
    const decoder = new MuxFrameDecoder();
    const out: MuxDatagram[] = [];
    for (let i = 0; i < stream.length; i++) out.push(...decoder.push(stream.subarray(i, i + 1)));
    expect(out).toEqual(ds);
    expect(decoder.buffered).toBe(0);
  });

  it("decodes random streams cut at random points (50 seeds)", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const ds = datagrams(seed * 7919, 40);
      const stream = encode(ds);
      const rnd = lcg(seed);
      const decoder = new MuxFrameDecoder();
      const out: MuxDatagram[] = [];
      for (let at = 0; at < stream.length; ) {
        // Mostly cuts inside headers and small frames, sometimes large chunks.
        const size = 1 + (rnd(4) === 0 ? rnd(70_000) : rnd(12));
        out.push(...decoder.push(stream.subarray(at, at + size)));
        at += size;
      }
      expect(out, `seed ${seed}`).toEqual(ds);
    }
  });

  it("holds a header split after the length until the peer id arrives", () => {
    const frame = encodeMuxFrame(42, Buffer.from("abc"));
    const decoder = new MuxFrameDecoder();
    expect(decoder.push(frame.subarray(0, 5))).toEqual([]);
    expect(decoder.push(frame.subarray(5, 9))).toEqual([]);
    expect(decoder.push(frame.subarray(9))).toEqual([{ peer: 42, payload: Buffer.from("abc") }]);
  });

  it("refuses a length over 65507 and stays failed", () => {
    const header = Buffer.alloc(MUX_HEADER_BYTES);
    header.writeUInt32BE(MAX_DATAGRAM + 1, 0);
    const decoder = new MuxFrameDecoder();
    expect(() => decoder.push(header)).toThrow(CodecError);
    expect(() => decoder.push(encodeMuxFrame(1, Buffer.from("x")))).toThrow(/65508 bytes/);
  });
});
