// The load each row applies to one `host:port` set, whichever way it is forwarded.
import { connect, type Socket } from "node:net";

const MiB = 1024 * 1024;

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: "127.0.0.1", port }, () => resolve(s));
    s.setNoDelay(true);
    s.once("error", reject);
  });
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

/** Reads `bytes` from the source port; returns the byte count actually received. */
async function pull(port: number, bytes: number): Promise<number> {
  const s = await open(port);
  return new Promise((resolve, reject) => {
    let got = 0;
    // Done at the last byte, not at EOF: kubectl does not always pass the pod's EOF on.
    s.on("data", (d: Buffer) => {
      got += d.length;
      if (got >= bytes) {
        s.destroy();
        resolve(got);
      }
    });
    s.on("end", () => resolve(got));
    s.on("error", reject);
    s.write(`SOURCE ${bytes}\n`);
  });
}

/** One connection carrying `bytes`: MiB/s. */
export async function throughput(port: number, bytes: number): Promise<number> {
  const t0 = performance.now();
  const got = await pull(port, bytes);
  if (got !== bytes) throw new Error(`throughput: got ${got} of ${bytes} bytes`);
  return got / MiB / ((performance.now() - t0) / 1000);
}

/** `count` 1 KiB request/response round trips on one echo connection: ms samples. */
export async function latency(port: number, count: number): Promise<number[]> {
  const s = await open(port);
  const msg = Buffer.alloc(1024, 0x62);
  const out: number[] = [];
  let fail: (e: Error) => void = () => {};
  s.on("error", (e) => fail(e));
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      let got = 0;
      const onData = (d: Buffer) => {
        got += d.length;
        if (got >= msg.length) {
          s.off("data", onData);
          resolve();
        }
      };
      s.on("data", onData);
      fail = reject;
      s.write(msg);
    });
    out.push(performance.now() - t0);
  }
  s.destroy();
  return out;
}

/**
 * `count` fresh connections to the greeter, one after another: connect → first byte, ms.
 * `gapMs` idle between them; at 0 each connection starts while the last one is torn down.
 */
export async function setup(port: number, count: number, gapMs = 0): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (gapMs > 0 && i > 0) await new Promise((r) => setTimeout(r, gapMs));
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const s = connect({ host: "127.0.0.1", port });
      s.once("data", () => {
        out.push(performance.now() - t0);
        s.destroy();
        resolve();
      });
      s.once("error", reject);
      s.once("close", () => resolve());
    });
  }
  return out;
}

/** `conns` parallel connections each pulling `bytes`: total MiB/s. */
export async function concurrency(port: number, conns: number, bytes: number): Promise<number> {
  const t0 = performance.now();
  const got = await Promise.all(Array.from({ length: conns }, () => pull(port, bytes)));
  const total = got.reduce((a, b) => a + b, 0);
  if (total !== conns * bytes)
    throw new Error(`concurrency: got ${total} of ${conns * bytes} bytes`);
  return total / MiB / ((performance.now() - t0) / 1000);
}

export interface RecoveryResult {
  sent: number;
  failed: number;
  /** ms from the replacement pod's Ready to the first request that succeeded after it, or null. */
  backMs: number | null;
}

/**
 * An open loop of `rate` HTTP requests a second; `kill()` is called after `beforeMs` and must
 * resolve to the epoch ms at which the replacement pod was Ready. Runs until `afterMs` past that.
 */
export async function recovery(
  port: number,
  rate: number,
  beforeMs: number,
  afterMs: number,
  kill: () => Promise<number>,
): Promise<RecoveryResult> {
  let sent = 0;
  let failed = 0;
  let readyAt: number | null = null;
  let backAt: number | null = null;
  const pending: Promise<void>[] = [];
  const one = async () => {
    sent++;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { connection: "close" },
        signal: AbortSignal.timeout(5000),
      });
      await res.text();
      if (res.status !== 200) throw new Error(String(res.status));
      const now = Date.now();
      if (readyAt !== null && backAt === null && now >= readyAt) backAt = now;
    } catch {
      failed++;
    }
  };
  const tick = setInterval(() => pending.push(one()), 1000 / rate);
  await new Promise((r) => setTimeout(r, beforeMs));
  readyAt = await kill();
  await new Promise((r) => setTimeout(r, afterMs));
  clearInterval(tick);
  await Promise.all(pending);
  return { sent, failed, backMs: backAt === null ? null : backAt - readyAt };
}
