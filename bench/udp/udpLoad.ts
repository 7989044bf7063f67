// Offers `count` datagrams of `size` bytes at a fixed rate to a UDP endpoint that echoes them,
// and counts what comes back: delivered datagrams per second and loss.
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface UdpLoadResult {
  sent: number;
  received: number;
  lossPercent: number;
  /** Echoes received per second, from the first send to the last echo. */
  datagramsPerSecond: number;
  offeredPerSecond: number;
  seconds: number;
  /**
   * Datagrams the kernel dropped because a socket's receive buffer was full (Linux's UDP
   * RcvbufErrors over the run, all sockets of this network namespace, so other processes' too).
   */
  rcvbufDrops: number;
  /**
   * The most datagrams sent back to back to catch up with the schedule: 40 per ms at 40 000/s, more
   * when this process's loop was held up (echoes to count, GC, no CPU) and sent a burst after.
   */
  largestBurst: number;
}

/** Linux's UDP RcvbufErrors counter (NaN elsewhere). */
export function udpRcvbufErrors(): number {
  try {
    const lines = readFileSync("/proc/net/snmp", "utf8")
      .split("\n")
      .filter((l) => l.startsWith("Udp:"));
    const i = lines[0]!.split(" ").indexOf("RcvbufErrors");
    return Number(lines[1]!.split(" ")[i]);
  } catch {
    return Number.NaN;
  }
}

export async function udpLoad(
  target: { host: string; port: number },
  {
    count,
    size,
    rate,
    onWarm,
  }: {
    count: number;
    size: number;
    rate: number;
    /** Called once the path answered the warm-up datagram, just before the timed sends. */
    onWarm?: () => void;
  },
): Promise<UdpLoadResult> {
  const socket = createSocket({ type: "udp4", recvBufferSize: 8 << 20, sendBufferSize: 8 << 20 });
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  let received = 0;
  let lastAt = 0;
  socket.on("message", () => {
    received += 1;
    lastAt = performance.now();
  });
  const payload = Buffer.alloc(size, 0x61);
  // Warm the path (tunnel creation) before timing.
  socket.send(payload, target.port, target.host);
  const warmStart = performance.now();
  while (received === 0 && performance.now() - warmStart < 10_000) await sleep(5);
  received = 0;
  onWarm?.();

  const drops0 = udpRcvbufErrors();
  const start = performance.now();
  let sent = 0;
  let largestBurst = 0;
  // Paced by the clock, not by a fixed sleep: each tick sends what the schedule says is due.
  while (sent < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate));
    largestBurst = Math.max(largestBurst, due - sent);
    while (sent < due) {
      socket.send(payload, target.port, target.host);
      sent += 1;
    }
    await sleep(1);
  }
  // Let late echoes in: stop once nothing arrived for 500 ms.
  let seen = -1;
  while (seen !== received) {
    seen = received;
    await sleep(500);
  }
  socket.close();
  const seconds = ((lastAt || performance.now()) - start) / 1000;
  return {
    sent,
    received,
    lossPercent: ((sent - received) / sent) * 100,
    datagramsPerSecond: received / seconds,
    offeredPerSecond: rate,
    seconds,
    rcvbufDrops: udpRcvbufErrors() - drops0,
    largestBurst,
  };
}

/** A UDP echo server on loopback. */
export async function udpEcho(): Promise<{ port: number; close: () => void }> {
  const s = createSocket({ type: "udp4", recvBufferSize: 8 << 20, sendBufferSize: 8 << 20 });
  s.on("message", (m, from) => s.send(m, from.port, from.address));
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  return { port: s.address().port, close: () => s.close() };
}
