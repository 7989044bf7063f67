import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { useInProcessRelay } from "./inProcessRelay.test-support.ts";
import { startUdpMuxForwarder } from "./udpMuxForwarder.ts";

/** Polls until `pred` holds; fails naming `what` after `ms`. */
async function until(what: string, pred: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Answers "q<n>" with "a<n>", and "three" with three replies. */
async function remote(): Promise<UdpSocket> {
  const s = createSocket("udp4");
  s.on("message", (msg, from) => {
    const text = msg.toString();
    const replies = text === "three" ? ["r1", "r2", "r3"] : [text.replace(/^q/, "a")];
    for (const r of replies) s.send(Buffer.from(r), from.port, from.address);
  });
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  return s;
}

/** One query from a fresh local socket (a fresh source port), as dig and stub resolvers do. */
async function ask(port: number, text: string): Promise<string> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  try {
    s.send(text, port, "127.0.0.1");
    const [msg] = (await once(s, "message", { signal: AbortSignal.timeout(5000) })) as [Buffer];
    return msg.toString();
  } finally {
    s.close();
  }
}

describe("UDP forwarder, mux framing, through an in-process relay", () => {
  const r = useInProcessRelay(remote, { UDP_FRAMING: "mux", UDP_PEER_IDLE_SECONDS: "0.3" });
  const openTunnel = r.openTunnel;
  const tunnels = r.tunnelsOpened;

  it("carries 300 queries from fresh source ports in one tunnel; each reply reaches its asker", async () => {
    const fwd = await startUdpMuxForwarder({ localAddress: "127.0.0.1", localPort: 0, openTunnel });
    const before = tunnels();
    const answers: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const got = await Promise.all(
        Array.from({ length: 50 }, (_, i) => ask(fwd.port, `q${batch * 50 + i}`)),
      );
      answers.push(...got);
    }
    expect(answers).toEqual(Array.from({ length: 300 }, (_, i) => `a${i}`));
    expect(tunnels() - before).toBe(1);
    expect(r.relay().connections()).toBe(1);
    // The relay closes each peer's UDP socket after its idle time; the tunnel stays.
    await until(
      `0 peer sockets (now ${r.relay().peerSockets()})`,
      () => r.relay().peerSockets() === 0,
    );
    expect(r.relay().connections()).toBe(1);
    expect(await ask(fwd.port, "q9")).toBe("a9");
    expect(tunnels() - before).toBe(1);
    await fwd.close();
  });

  it("gives two peers talking at once only their own replies, and all three replies", async () => {
    const fwd = await startUdpMuxForwarder({ localAddress: "127.0.0.1", localPort: 0, openTunnel });
    const a = createSocket("udp4");
    const b = createSocket("udp4");
    await Promise.all([a, b].map((s) => new Promise<void>((r) => s.bind(0, "127.0.0.1", r))));
    const gotA: string[] = [];
    const gotB: string[] = [];
    a.on("message", (m) => gotA.push(m.toString()));
    b.on("message", (m) => gotB.push(m.toString()));
    for (let i = 0; i < 10; i++) {
      a.send(`qa${i}`, fwd.port, "127.0.0.1");
      b.send(`qb${i}`, fwd.port, "127.0.0.1");
    }
    a.send("three", fwd.port, "127.0.0.1");
    await until("every reply", () => gotA.length === 13 && gotB.length === 10);
    expect(gotA.filter((x) => x.startsWith("aa")).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `aa${i}`).sort(),
    );
    expect(gotA.filter((x) => x.startsWith("r"))).toEqual(["r1", "r2", "r3"]);
    expect(gotB.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ab${i}`).sort());
    expect(fwd.peers()).toBe(2);
    a.close();
    b.close();
    await fwd.close();
  });
});
