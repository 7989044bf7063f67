import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { useInProcessRelay } from "./inProcessRelay.test-support.ts";
import { startUdpForwarder } from "./udpForwarder.ts";

// Remote UDP service: "three" gets three replies, anything else is echoed with a prefix.
async function remote(): Promise<UdpSocket> {
  const s = createSocket("udp4");
  s.on("message", (msg, from) => {
    const text = msg.toString();
    const replies = text === "three" ? ["r1", "r2", "r3"] : [`echo ${text}`];
    for (const r of replies) s.send(Buffer.from(r), from.port, from.address);
  });
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  return s;
}

async function peer(): Promise<{ s: UdpSocket; next: () => Promise<string> }> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  const queue: string[] = [];
  const waiting: Array<(v: string) => void> = [];
  s.on("message", (m) => {
    const w = waiting.shift();
    if (w) w(m.toString());
    else queue.push(m.toString());
  });
  return {
    s,
    next: () =>
      queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiting.push(r)),
  };
}

describe("UDP forwarder through an in-process relay", () => {
  const r = useInProcessRelay(remote);
  const openTunnel = r.openTunnel;
  const tunnels = r.tunnelsOpened;

  it("gives two peers talking at once only their own replies, and all three replies", async () => {
    const fwd = await startUdpForwarder({ localAddress: "127.0.0.1", localPort: 0, openTunnel });
    const a = await peer();
    const b = await peer();
    for (let i = 0; i < 10; i++) {
      a.s.send(`a${i}`, fwd.port, "127.0.0.1");
      b.s.send(`b${i}`, fwd.port, "127.0.0.1");
    }
    const gotA = await Promise.all(Array.from({ length: 10 }, () => a.next()));
    const gotB = await Promise.all(Array.from({ length: 10 }, () => b.next()));
    expect(gotA.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `echo a${i}`).sort());
    expect(gotB.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `echo b${i}`).sort());
    expect(fwd.peers()).toBe(2);

    a.s.send("three", fwd.port, "127.0.0.1");
    expect([await a.next(), await a.next(), await a.next()]).toEqual(["r1", "r2", "r3"]);
    a.s.close();
    b.s.close();
    await fwd.close();
  });

  it("closes idle peers and reopens a tunnel when they come back", async () => {
    const fwd = await startUdpForwarder({
      localAddress: "127.0.0.1",
      localPort: 0,
      openTunnel,
      idlePeerMs: 200,
    });
    const a = await peer();
    a.s.send("hi", fwd.port, "127.0.0.1");
    expect(await a.next()).toBe("echo hi");
    const before = tunnels();
    while (fwd.peers() > 0) await sleep(50);
    while (r.relay().connections() > 0) await sleep(50);
    a.s.send("again", fwd.port, "127.0.0.1");
    expect(await a.next()).toBe("echo again");
    expect(tunnels()).toBe(before + 1);
    a.s.close();
    await fwd.close();
  });

  it("bounds the number of peers and says so in the log", async () => {
    const lines: string[] = [];
    const fwd = await startUdpForwarder({
      localAddress: "127.0.0.1",
      localPort: 0,
      openTunnel,
      maxPeers: 1,
      log: (_level, message) => lines.push(message),
    });
    const a = await peer();
    const b = await peer();
    a.s.send("first", fwd.port, "127.0.0.1");
    expect(await a.next()).toBe("echo first");
    b.s.send("second", fwd.port, "127.0.0.1");
    while (lines.length === 0) await sleep(20);
    expect(lines[0]).toMatch(
      /1 peers already \(the limit\); dropping datagrams from new peer 127\.0\.0\.1:\d+/,
    );
    expect(fwd.peers()).toBe(1);
    a.s.close();
    b.s.close();
    await fwd.close();
  });
});
