import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RelayProcess, spawnRelay } from "../test/relayProcess.ts";
import { encodeMuxFrame, type MuxDatagram, MuxFrameDecoder } from "./muxCodec.ts";

// A UDP server that echoes, answers "three" three times, and records each datagram's source port.
async function udpServer() {
  const socket = createSocket("udp4");
  const sources = new Map<string, number>();
  socket.on("message", (msg, from) => {
    const text = msg.toString();
    sources.set(text, from.port);
    const reply = (b: string | Buffer) => socket.send(b, from.port, from.address);
    if (text.endsWith("three")) for (const n of [1, 2, 3]) reply(`${text} ${n}`);
    else reply(msg);
  });
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  return { socket, port: socket.address().port, sources };
}

async function openMuxTunnel(port: number) {
  const socket: Socket = connect(port, "127.0.0.1");
  await new Promise((r) => socket.once("connect", r));
  const decoder = new MuxFrameDecoder();
  const got: MuxDatagram[] = [];
  socket.on("data", (chunk) => got.push(...decoder.push(chunk)));
  return {
    socket,
    got,
    send: (peer: number, text: string) => socket.write(encodeMuxFrame(peer, Buffer.from(text))),
    async waitFor(n: number) {
      for (let i = 0; i < 500 && got.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      return got.map((d) => ({ peer: d.peer, text: d.payload.toString() }));
    },
  };
}

describe("relay program, PROXY_TYPE=udp UDP_FRAMING=mux", () => {
  let server: Awaited<ReturnType<typeof udpServer>>;
  let relay: RelayProcess;
  let server2: UdpSocket;

  beforeAll(async () => {
    server = await udpServer();
    server2 = createSocket("udp4");
    await new Promise<void>((r) => server2.bind(0, "127.0.0.1", r));
    relay = await spawnRelay({
      PROXY_TYPE: "udp",
      UDP_FRAMING: "mux",
      UDP_PEER_IDLE_SECONDS: "0.4",
      REMOTE_ADDRESS: "127.0.0.1",
      REMOTE_PORT: String(server.port),
      IDLE_EXIT_SECONDS: "0",
    });
  });
  afterAll(async () => {
    await relay?.stop();
    server?.socket.close();
    server2?.close();
  });

  it("says which framing it speaks", () => {
    expect(relay.output()).toMatch(/relay listening on .*udp -> 127\.0\.0\.1:\d+, mux framing/);
  });

  it("gives two peers on one tunnel their own socket and only their own replies", async () => {
    const t = await openMuxTunnel(relay.port);
    for (let i = 0; i < 25; i++) {
      t.send(1, `a${i}`);
      t.send(2, `b${i}`);
    }
    t.send(2, "b-three");
    const got = await t.waitFor(53);
    expect(got).toHaveLength(53);
    const of = (peer: number) => got.filter((d) => d.peer === peer).map((d) => d.text);
    expect(new Set(of(1))).toEqual(new Set(Array.from({ length: 25 }, (_, i) => `a${i}`)));
    expect(new Set(of(2))).toEqual(
      new Set([
        ...Array.from({ length: 25 }, (_, i) => `b${i}`),
        "b-three 1",
        "b-three 2",
        "b-three 3",
      ]),
    );
    // One UDP socket per peer id: every datagram of a peer left from the same port, a port of its own.
    const portsOf = (prefix: string) =>
      new Set([...server.sources].filter(([k]) => k.startsWith(prefix)).map(([, p]) => p));
    expect(portsOf("a").size).toBe(1);
    expect(portsOf("b").size).toBe(1);
    expect([...portsOf("a")][0]).not.toBe([...portsOf("b")][0]);
    t.socket.destroy();
  });

  it("closes idle peer sockets while the tunnel stays, and reopens one for a returning peer", async () => {
    const t = await openMuxTunnel(relay.port);
    t.send(7, "x1");
    t.send(8, "y1");
    expect(await t.waitFor(2)).toHaveLength(2);
    const firstPort = server.sources.get("x1");
    await relay.waitFor(/closed 2 idle peer socket\(s\), 0 open/);
    t.send(7, "x2");
    const got = await t.waitFor(3);
    expect(got[2]).toEqual({ peer: 7, text: "x2" });
    expect(server.sources.get("x2")).not.toBe(firstPort);
    expect(t.socket.destroyed).toBe(false);
    t.socket.destroy();
  });

  it("ignores datagrams to a peer socket from anyone but the remote", async () => {
    const t = await openMuxTunnel(relay.port);
    t.send(9, "z1");
    await t.waitFor(1);
    const port = server.sources.get("z1")!;
    server2.send("intruder", port, "127.0.0.1");
    t.send(9, "z2");
    const got = await t.waitFor(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(got.map((d) => d.text)).toEqual(["z1", "z2"]);
    expect(t.got).toHaveLength(2);
    t.socket.destroy();
  });
});
