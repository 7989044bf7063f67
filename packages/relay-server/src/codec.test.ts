import { describe, expect, it } from "vitest";
import { CodecError, encodeFrame, FrameDecoder, HEADER_BYTES, MAX_DATAGRAM } from "./codec.ts";

function pattern(size: number, seed = 0): Buffer {
  const b = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

describe("encodeFrame", () => {
  it("prefixes the payload with its length as u32 big-endian", () => {
    const frame = encodeFrame(Buffer.from("abc"));
    expect([...frame]).toEqual([0, 0, 0, 3, 97, 98, 99]);
  });

  it("encodes an empty datagram as a bare header", () => {
    expect([...encodeFrame(Buffer.alloc(0))]).toEqual([0, 0, 0, 0]);
  });

  it("accepts the largest datagram and refuses one byte more", () => {
    expect(encodeFrame(Buffer.alloc(MAX_DATAGRAM)).length).toBe(MAX_DATAGRAM + HEADER_BYTES);
    expect(() => encodeFrame(Buffer.alloc(MAX_DATAGRAM + 1))).toThrow(CodecError);
  });
});

describe("FrameDecoder", () => {
  const datagrams = [
    Buffer.alloc(0),
    pattern(1, 1),
    pattern(512, 2),
    Buffer.alloc(0),
    pattern(MAX_DATAGRAM, 3),
  ];
  const stream = Buffer.concat(datagrams.map(encodeFrame));

  it("decodes back-to-back frames delivered in one chunk", () => {
    expect(new FrameDecoder().push(stream)).toEqual(datagrams);
  });

  it("decodes the same stream delivered one byte at a time", () => {
    const decoder = new FrameDecoder();
    const out: Buffer[] = [];
    for (let i = 0; i < stream.length; i++) out.push(...decoder.push(stream.subarray(i, i + 1)));
    expect(out).toEqual(datagrams);
    expect(decoder.buffered).toBe(0);
  });

  it("decodes the stream cut at arbitrary points", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const decoder = new FrameDecoder();
      const out: Buffer[] = [];
      let at = 0;
      let rnd = seed;
      while (at < stream.length) {
        rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
        const size = 1 + (rnd % 9000);
        out.push(...decoder.push(stream.subarray(at, at + size)));
        at += size;
      }
      expect(out).toEqual(datagrams);
    }
  });

  it("holds a partial frame until the rest arrives", () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame(Buffer.from("hello"));
    expect(decoder.push(frame.subarray(0, 6))).toEqual([]);
    expect(decoder.buffered).toBe(2);
    expect(decoder.push(frame.subarray(6))).toEqual([Buffer.from("hello")]);
  });

  it("refuses a header announcing more than the largest datagram, and stays failed", () => {
    const decoder = new FrameDecoder();
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_DATAGRAM + 1);
    const err = (() => {
      try {
        decoder.push(header);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CodecError);
    expect((err as CodecError).code).toBe("FRAME_TOO_LARGE");
    expect((err as CodecError).size).toBe(MAX_DATAGRAM + 1);
    expect(() => decoder.push(encodeFrame(Buffer.from("x")))).toThrow(CodecError);
  });

  it("returns the frames that precede a refused header in the same chunk only by throwing", () => {
    const bad = Buffer.alloc(4);
    bad.writeUInt32BE(0xffffffff);
    expect(() =>
      new FrameDecoder().push(Buffer.concat([encodeFrame(Buffer.from("ok")), bad])),
    ).toThrow(/4294967295 bytes/);
  });
});
