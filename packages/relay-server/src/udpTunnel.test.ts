import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RelayProcess, spawnRelay } from "../test/relayProcess.ts";
import { encodeFrame, FrameDecoder, MAX_DATAGRAM } from "./codec.ts";

// A UDP server on loopback: "three" gets three replies, "later" gets one reply after a pause,
// anything else is echoed back.
async function udpServer(): Promise<{ socket: UdpSocket; port: number }> {
  const socket = createSocket("udp4");
  socket.on("message", (msg, from) => {
    const reply = (b: Buffer) => socket.send(b, from.port, from.address);
    const text = msg.toString();
    if (text === "three") for (const n of [1, 2, 3]) reply(Buffer.from(`reply ${n}`));
    else if (text === "later") setTimeout(() => reply(Buffer.from("late reply")), 300);
    else reply(msg);
  });
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  return { socket, port: socket.address().port };
}

interface Tunnel {
  socket: Socket;
  send(payload: Buffer | string): void;
  next(): Promise<Buffer>;
  closed: Promise<void>;
}

async function openTunnel(port: number): Promise<Tunnel> {
  const socket = connect(port, "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  const decoder = new FrameDecoder();
  const queue: Buffer[] = [];
  const waiting: Array<(b: Buffer) => void> = [];
  socket.on("data", (chunk) => {
    for (const d of decoder.push(chunk)) {
      const w = waiting.shift();
      if (w) w(d);
      else queue.push(d);
    }
  });
  const closed = new Promise<void>((r) => socket.once("close", () => r()));
  return {
    socket,
    send: (p) => socket.write(encodeFrame(typeof p === "string" ? Buffer.from(p) : p)),
    next: () => {
      const b = queue.shift();
      return b ? Promise.resolve(b) : new Promise((r) => waiting.push(r));
    },
    closed,
  };
}

describe("relay program, PROXY_TYPE=udp", () => {
  let server: { socket: UdpSocket; port: number };
  let relay: RelayProcess;

  beforeAll(async () => {
    server = await udpServer();
    relay = await spawnRelay({
      PROXY_TYPE: "udp",
      REMOTE_ADDRESS: "127.0.0.1",
      REMOTE_PORT: String(server.port),
      IDLE_EXIT_SECONDS: "0",
    });
  });
  afterAll(async () => {
    await relay?.stop();
    server?.socket.close();
  });

  it("carries an empty datagram both ways", async () => {
    const t = await openTunnel(relay.port);
    t.send(Buffer.alloc(0));
    expect((await t.next()).length).toBe(0);
    t.socket.destroy();
  });

  it("carries a 65507-byte datagram both ways, intact", async () => {
    const t = await openTunnel(relay.port);
    const big = Buffer.alloc(MAX_DATAGRAM);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    t.send(big);
    expect((await t.next()).equals(big)).toBe(true);
    t.socket.destroy();
  });

  it("delivers all three replies to one request", async () => {
    const t = await openTunnel(relay.port);
    t.send("three");
    const got = [await t.next(), await t.next(), await t.next()].map(String);
    expect(got).toEqual(["reply 1", "reply 2", "reply 3"]);
    t.socket.destroy();
  });

  it("is full duplex: a late reply arrives while other datagrams are flowing", async () => {
    const t = await openTunnel(relay.port);
    t.send("later");
    t.send("now");
    expect(String(await t.next())).toBe("now");
    expect(String(await t.next())).toBe("late reply");
    t.socket.destroy();
  });

  it("keeps tunnels apart: each tunnel only gets replies to its own datagrams", async () => {
    const a = await openTunnel(relay.port);
    const b = await openTunnel(relay.port);
    for (let i = 0; i < 20; i++) {
      a.send(`a${i}`);
      b.send(`b${i}`);
    }
    const fromA = await Promise.all(Array.from({ length: 20 }, () => a.next()));
    const fromB = await Promise.all(Array.from({ length: 20 }, () => b.next()));
    expect(new Set(fromA.map(String))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => `a${i}`)),
    );
    expect(new Set(fromB.map(String))).toEqual(
      new Set(Array.from({ length: 20 }, (_, i) => `b${i}`)),
    );
    a.socket.destroy();
    b.socket.destroy();
  });

  it("refuses an oversized frame by closing that tunnel only", async () => {
    const bad = await openTunnel(relay.port);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_DATAGRAM + 1);
    bad.socket.write(header);
    await bad.closed;
    await relay.waitFor(`refused a frame announcing ${MAX_DATAGRAM + 1} bytes`);
    const good = await openTunnel(relay.port);
    good.send("still here");
    expect(String(await good.next())).toBe("still here");
    good.socket.destroy();
    expect(relay.child.exitCode).toBeNull();
  });
});
