// 1 GiB through a WebSocket port-forward with the sim in its own process, sampling its RSS; and a
// reader that stops reading, which must stall the pod's sender instead of growing the sim.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import YAML from "yaml";
import { until } from "./helpers.ts";

const GiB = 1024 * 1024 * 1024;
/** Peak RSS allowed for the sim process while 1 GiB passes (the figure in README.md). */
const RSS_BOUND = 256 * 1024 * 1024;
/** Growth allowed while a reader is stalled: the sim must not buffer what the reader does not take. */
const STALL_GROWTH = 32 * 1024 * 1024;
const BIN = join(import.meta.dirname, "../../src/bin/kube-sim.ts");

function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? 0) * 1024;
}

describe.skipIf(process.platform !== "linux")("large transfers through a sim port-forward", () => {
  let child: ChildProcess;
  let dir: string;
  let server: string;
  let token: string;
  let ca: string;
  let bulkPod: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kube-sim-big-"));
    const kubeconfig = join(dir, "kubeconfig");
    child = spawn(process.execPath, [BIN, "--scenario", "test", "--kubeconfig", kubeconfig], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    await until(() => out.includes("kubeconfig:"), "sim started");
    const kc = YAML.parse(readFileSync(kubeconfig, "utf8"));
    server = kc.clusters[0].cluster.server;
    ca = Buffer.from(kc.clusters[0].cluster["certificate-authority-data"], "base64").toString();
    token = kc.users[0].user.token;
    child.stdin?.write("pods default\n");
    bulkPod = await until(
      () => /default\/(bulk-\S+) Running ready=True/.exec(out)?.[1],
      "bulk pod",
      10_000,
    ).catch(async () => {
      await new Promise((r) => setTimeout(r, 300));
      out = "";
      child.stdin?.write("pods default\n");
      return until(() => /default\/(bulk-\S+) Running ready=True/.exec(out)?.[1], "bulk pod");
    });
  });
  afterAll(() => {
    child?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  });

  function source(bytes: number, onOpen?: (ws: WebSocket) => void) {
    const ws = new WebSocket(
      `${server.replace("https", "wss")}/api/v1/namespaces/default/pods/${bulkPod}/portforward?ports=7100`,
      ["v4.channel.k8s.io"],
      {
        ca,
        headers: { Authorization: `Bearer ${token}` },
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
    const before = rss(child.pid as number);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss(child.pid as number));
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
    const before = rss(child.pid as number);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rss(child.pid as number));
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
