// Fuzzing the lean tunnel's readers with a fixed seed and a bounded number of cases (CI runs it
// as a unit test): valid streams cut at random frame boundaries and read sizes must parse to
// exactly what was sent; corrupt and truncated input must end in a clean error on the tunnel,
// never an exception out of the socket's 'data' handler (which would crash the daemon).

import { describe, expect, it } from "vitest";
import { SpdyFrameReader } from "./spdyFrameReader.ts";
import { useTunnelPeers } from "./tunnelPeer.testkit.ts";
import { OP_BINARY, OP_CONTINUATION, OP_PING, WsFrameReader } from "./wsFrameReader.ts";

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => {
    const b = Buffer.allocUnsafe(n);
    for (let i = 0; i < n; i++) b[i] = int(256);
    return b;
  };
  return { next, int, bytes };
}
type Rng = ReturnType<typeof rng>;

/** A server-side WebSocket frame (unmasked, as servers send). */
function serverFrame(op: number, payload: Buffer, fin = true): Buffer {
  const len = payload.length;
  const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
  const h = Buffer.alloc(2 + ext);
  h[0] = (fin ? 0x80 : 0) | op;
  if (ext === 0) h[1] = len;
  else if (ext === 2) {
    h[1] = 126;
    h.writeUInt16BE(len, 2);
  } else {
    h[1] = 127;
    h.writeUInt32BE(0, 2);
    h.writeUInt32BE(len, 6);
  }
  return Buffer.concat([h, payload]);
}

function spdyData(id: number, payload: Buffer, fin: boolean): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(id, 0);
  h.writeUInt32BE((fin ? 0x01000000 : 0) + payload.length, 4);
  return Buffer.concat([h, payload]);
}

function spdyControl(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(0x80030000 + type, 0);
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
}

interface Expected {
  data: Map<number, Buffer[]>;
  fins: number[];
  controls: string[];
}

/** SPDY frames (DATA on a few streams, SETTINGS, PING, WINDOW_UPDATE) as one byte string. */
function spdyBytes(r: Rng, frames: number): { bytes: Buffer; expected: Expected } {
  const out: Buffer[] = [];
  const expected: Expected = { data: new Map(), fins: [], controls: [] };
  for (let i = 0; i < frames; i++) {
    if (r.int(4) === 0) {
      const type = [4, 6, 9][r.int(3)] as number;
      const body = r.bytes(type === 4 ? 4 + 8 * r.int(3) : type === 6 ? 4 : 8);
      out.push(spdyControl(type, body));
      expected.controls.push(`${type}:${body.toString("hex")}`);
    } else {
      const id = 1 + 2 * r.int(5);
      const size = r.int(5) === 0 ? 0 : r.int(r.int(3) === 0 ? 70_000 : 300);
      const payload = r.bytes(size);
      out.push(spdyData(id, payload, false));
      const list = expected.data.get(id) ?? [];
      list.push(payload);
      expected.data.set(id, list);
    }
  }
  out.push(spdyData(99, Buffer.alloc(0), true));
  expected.fins.push(99);
  return { bytes: Buffer.concat(out), expected };
}

/** Cuts a byte string into WebSocket messages at random points, some fragmented, pings between. */
function wsWrap(r: Rng, bytes: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const n = Math.min(bytes.length - at, 1 + r.int(r.int(2) === 0 ? 40 : 100_000));
    const message = bytes.subarray(at, at + n);
    at += n;
    if (r.int(4) === 0 && message.length > 2) {
      const cut = 1 + r.int(message.length - 1);
      out.push(serverFrame(OP_BINARY, message.subarray(0, cut), false));
      if (r.int(2) === 0) out.push(serverFrame(OP_PING, r.bytes(r.int(10))));
      out.push(serverFrame(OP_CONTINUATION, message.subarray(cut), true));
    } else out.push(serverFrame(OP_BINARY, message));
  }
  return Buffer.concat(out);
}

/** Feeds `bytes` in random read sizes. */
function feed(r: Rng, bytes: Buffer, push: (chunk: Buffer) => void): void {
  let at = 0;
  while (at < bytes.length) {
    const n = 1 + r.int(r.int(3) === 0 ? 16 : 20_000);
    // A copy per read, as a socket hands out fresh buffers.
    push(Buffer.from(bytes.subarray(at, at + n)));
    at += n;
  }
}

function readers() {
  const got: Expected = { data: new Map(), fins: [], controls: [] };
  const failures: string[] = [];
  // As the tunnel does: the first failure stops both readers.
  const fail = (why: string) => {
    failures.push(why);
    ws.stop();
    spdy.stop();
  };
  const spdy = new SpdyFrameReader({
    data: (id, view, fin) => {
      const list = got.data.get(id) ?? [];
      if (view.length > 0) list.push(Buffer.from(view));
      got.data.set(id, list);
      if (fin) got.fins.push(id);
    },
    control: (type, _flags, body) => got.controls.push(`${type}:${body.toString("hex")}`),
    fail,
  });
  const ws = new WsFrameReader({
    payload: (view) => spdy.push(view),
    control: () => {},
    fail,
  });
  return { ws, got, failures };
}

const SEED = 0x5eed16;

describe("lean tunnel readers, fuzzed (seed 0x5eed16)", () => {
  it("parse random frames cut at random message boundaries and read sizes to exactly what was sent", () => {
    const r = rng(SEED);
    for (let round = 0; round < 60; round++) {
      const { bytes, expected } = spdyBytes(r, 1 + r.int(40));
      const { ws, got, failures } = readers();
      feed(r, wsWrap(r, bytes), (c) => ws.push(c));
      expect(failures).toEqual([]);
      expect(got.controls).toEqual(expected.controls);
      expect(got.fins).toEqual(expected.fins);
      for (const [id, parts] of expected.data)
        expect(Buffer.concat(got.data.get(id) ?? []).equals(Buffer.concat(parts))).toBe(true);
    }
  });

  it("turn protocol violations into a failure, never an exception", () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ["a text message", serverFrame(1, Buffer.from("hi")), /text message/],
      ["a masked frame", Buffer.from([0x82, 0x81, 1, 2, 3, 4, 0]), /masked/],
      ["reserved bits", Buffer.from([0xc2, 0x00]), /reserved bits/],
      ["opcode 3", Buffer.from([0x83, 0x00]), /unknown opcode 3/],
      ["a stray continuation", serverFrame(OP_CONTINUATION, Buffer.from("x")), /continuation/],
      ["a fragmented ping", Buffer.from([0x09, 0x00]), /control frame/],
      [
        "SPDY version 2",
        serverFrame(OP_BINARY, Buffer.from([0x80, 2, 0, 4, 0, 0, 0, 0])),
        /version 2/,
      ],
      [
        "DATA on stream 0",
        serverFrame(OP_BINARY, spdyData(0, Buffer.from("x"), false)),
        /stream 0/,
      ],
      [
        "a huge control frame",
        serverFrame(OP_BINARY, Buffer.from([0x80, 3, 0, 4, 0, 0xff, 0xff, 0xff])),
        /control frame of/,
      ],
    ];
    for (const [name, bytes, why] of cases) {
      const { ws, failures } = readers();
      expect(() => ws.push(bytes), name).not.toThrow();
      expect(failures, name).toHaveLength(1);
      expect(failures[0], name).toMatch(why);
    }
  });

  it("survive random corruption and truncation: at most one failure, no exception", () => {
    const r = rng(SEED + 1);
    let failed = 0;
    for (let round = 0; round < 300; round++) {
      const { bytes } = spdyBytes(r, 1 + r.int(10));
      const wire = Buffer.from(wsWrap(r, bytes));
      const cuts = 1 + r.int(40);
      for (let i = 0; i < cuts; i++) wire[r.int(wire.length)] = r.int(256);
      const truncated = r.int(3) === 0 ? wire.subarray(0, r.int(wire.length)) : wire;
      const { ws, failures } = readers();
      expect(() => feed(r, truncated, (c) => ws.push(c))).not.toThrow();
      expect(failures.length).toBeLessThanOrEqual(1);
      failed += failures.length;
    }
    // The corruption must actually reach the checks (else this test proves nothing).
    expect(failed).toBeGreaterThan(30);
  });
});

describe("a lean tunnel on a socket fed corrupt frames", () => {
  const tunnelPair = useTunnelPeers();

  it("closes the tunnel with the reason and fails its open stream, for each kind of bad frame", async () => {
    const r = rng(SEED + 2);
    const bad: Buffer[] = [
      serverFrame(1, Buffer.from("text")),
      // A SYN_REPLY whose header block is not zlib: the shared inflate stream is broken.
      serverFrame(
        OP_BINARY,
        spdyControl(2, Buffer.concat([Buffer.from([0, 0, 0, 3]), r.bytes(40)])),
      ),
      serverFrame(OP_BINARY, Buffer.from([0x80, 9, 0, 1, 0, 0, 0, 0])),
    ];
    for (const frame of bad) {
      const { tunnel, peer } = await tunnelPair();
      const opening = tunnel.openStream(9000, { connectTimeoutMs: 5000 });
      const closed = new Promise<string>((resolve) => tunnel.onClose(resolve));
      peer.write(frame);
      await expect(closed).resolves.toMatch(/^(WebSocket|SPDY):/);
      await expect(opening).rejects.toMatchObject({ code: "PORT_FORWARD_FAILED" });
      peer.destroy();
    }
  });
});
