// 1 GiB through a WebSocket port-forward with the sim in its own process, sampling its RSS; and a
// reader that stops reading, which must stall the pod's sender instead of growing the sim.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { until } from "./helpers.ts";
import { type SimProcess, startSimProcess } from "./simProcess.ts";

const GiB = 1024 * 1024 * 1024;
/** Peak RSS allowed for the sim process while 1 GiB passes (the figure in README.md). */
const RSS_BOUND = 256 * 1024 * 1024;
/** Growth allowed while a reader is stalled: the sim must not buffer what the reader does not take. */
const STALL_GROWTH = 32 * 1024 * 1024;

describe.skipIf(process.platform !== "linux")("large transfers through a sim port-forward", () => {
  let sim: SimProcess;
  let bulkPod: string;
  const rss = () => sim.rss();

  beforeAll(async () => {
    sim = await startSimProcess("test");
    bulkPod = await sim.readyPod("default", "bulk");
  });
  afterAll(() => sim?.close());

  function source(bytes: number, onOpen?: (ws: WebSocket) => void) {
    const ws = new WebSocket(
      `${sim.server.replace("https", "wss")}/api/v1/namespaces/default/pods/${bulkPod}/portforward?ports=7100`,
      ["v4.channel.k8s.io"],
      {
        ca: sim.ca,
        headers: { Authorization: `Bearer ${sim.token}` },
      },
    );
    let received = 0;
    let headerSeen = false;
    const done = new Promise<number>((resolve, reject) => {
      ws.on("message", (d: Buffer) => {
        if (d[0] !== 0) return;
        if (!headerSeen) {
          headerSeen = true;
          ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(`SOURCE ${bytes}\n`)]));
          received += d.length - 3;
          onOpen?.(ws);
          return;
        }
        received += d.length - 1;
      });
      ws.on("close", () => resolve(received));
      ws.on("error", reject);
    });
    return { ws, done };
  }

  it("moves 1 GiB from a pod with the sim's RSS under the bound", async () => {
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss());
    }, 50);
    const t0 = performance.now();
    const got = await source(GiB).done;
    const secs = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    console.log(
      `1 GiB via WS port-forward: ${(1024 / secs).toFixed(0)} MiB/s, sim RSS ${(before / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(got).toBe(GiB);
    expect(peak).toBeLessThan(RSS_BOUND);
  }, 120_000);

  it("a reader that stops reading stalls the sender; the sim stays under the bound", async () => {
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss());
    }, 50);
    let paused: WebSocket | undefined;
    const { done } = source(GiB, (ws) => {
      ws.pause();
      paused = ws;
    });
    await until(() => paused, "stream open");
    await new Promise((r) => setTimeout(r, 2000));
    const stalledPeak = peak;
    paused?.resume();
    const got = await done;
    clearInterval(sampler);
    console.log(
      `slow reader: sim RSS ${(before / 2 ** 20).toFixed(0)} MiB before, ${(stalledPeak / 2 ** 20).toFixed(0)} MiB peak while stalled 2 s, ${(peak / 2 ** 20).toFixed(0)} MiB peak overall`,
    );
    expect(got).toBe(GiB);
    expect(stalledPeak - before).toBeLessThan(STALL_GROWTH);
    expect(peak).toBeLessThan(RSS_BOUND);
  }, 120_000);
});
