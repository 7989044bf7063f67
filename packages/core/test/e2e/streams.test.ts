// What travels through a forward: a WebSocket application, and 1 GiB to a slow reader with this
// process's memory flat (the sim runs in its own process, so what is measured is the engine).

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { makeEngine, simReady, type TestEngine, tcpConfig, waitUntil, within } from "./helpers.ts";

let t: TestEngine | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe("a WebSocket application through the forward", () => {
  let sim: KubeSim;
  let wss: WebSocketServer;
  const http = createServer();

  afterAll(async () => {
    await sim?.close();
    for (const c of wss?.clients ?? []) c.terminate();
    wss?.close();
    http.close();
  });

  it("upgrades, exchanges text and binary both ways, and closes cleanly", async () => {
    // The app: a ws echo server that also pushes first; the pod's port forwards to it.
    wss = new WebSocketServer({ server: http });
    wss.on("connection", (ws) => {
      ws.send("welcome");
      ws.on("message", (d, isBinary) => ws.send(d, { binary: isBinary }));
    });
    http.listen(0, "127.0.0.1");
    await once(http, "listening");
    const appPort = (http.address() as { port: number }).port;
    sim = await startKubeSim({
      scenario: {
        namespaces: ["default"],
        workloads: [
          {
            name: "chat",
            namespace: "default",
            ports: [
              { name: "ws", containerPort: 8081, backend: { forward: `127.0.0.1:${appPort}` } },
            ],
          },
        ],
        services: [
          {
            name: "chat",
            namespace: "default",
            selector: { app: "chat" },
            ports: [{ port: 80, targetPort: "ws" }],
          },
        ],
      },
    });
    await simReady(sim);
    t = makeEngine();
    const cfg = tcpConfig(sim.kubeconfigPath, { service: "chat", remote_port: 80 });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");

    const client = new WebSocket(`ws://127.0.0.1:${s.localPort}/socket`);
    const messages: { data: Buffer; binary: boolean }[] = [];
    client.on("message", (data: Buffer, binary) => messages.push({ data, binary }));
    await within(once(client, "open"), "the WebSocket to open through the forward");
    const waitN = (n: number) =>
      waitUntil(
        () => `${n} WebSocket messages (got ${messages.length})`,
        () => messages.length >= n,
      );
    await waitN(1);
    client.send("hi there");
    const bin = Buffer.from([0, 1, 2, 3, 250, 251]);
    client.send(bin);
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    client.send(big);
    await waitN(4);
    expect(messages[0]?.data.toString()).toBe("welcome");
    expect(messages[1]).toMatchObject({ binary: false });
    expect(messages[1]?.data.toString()).toBe("hi there");
    expect(messages[2]?.binary).toBe(true);
    expect(messages[2]?.data).toEqual(bin);
    expect(messages[3]?.data.equals(big)).toBe(true);
    client.close(1000, "bye");
    const [code] = await once(client, "close");
    expect(code).toBe(1000);
  });
});

describe.skipIf(process.platform !== "linux")("1 GiB to a slow reader", () => {
  let child: ChildProcess;
  let dir: string;

  afterAll(() => {
    child?.kill("SIGTERM");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("moves every byte while this process's memory stays flat, stalled or reading slowly", async () => {
    dir = mkdtempSync(join(tmpdir(), "ferry-core-big-"));
    const kubeconfig = join(dir, "kubeconfig");
    const bin = join(import.meta.dirname, "../../../../tooling/kube-sim/src/bin/kube-sim.ts");
    child = spawn(process.execPath, [bin, "--scenario", "test", "--kubeconfig", kubeconfig], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    await waitUntil(
      () => `the sim's kubeconfig line (got "${out}")`,
      () => out.includes("kubeconfig:"),
      30_000,
    );

    t = makeEngine();
    const cfg = tcpConfig(kubeconfig, { service: "bulk", remote_port: 7100 });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");

    const GiB = 1024 ** 3;
    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    let stalledPeak = base;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const sock = connect({ host: "127.0.0.1", port: s.localPort! });
    await once(sock, "connect");
    sock.write(`SOURCE ${GiB}\n`);
    // Stalled: the reader takes nothing for 2 s; the engine must not buffer the pod's sending.
    sock.pause();
    await new Promise((r) => setTimeout(r, 2000));
    stalledPeak = peak;
    // Slow: read 8 MiB, pause 10 ms, again.
    let got = 0;
    let sinceBreak = 0;
    sock.on("data", (c: Buffer) => {
      got += c.length;
      sinceBreak += c.length;
      if (sinceBreak >= 8 * 1024 * 1024) {
        sinceBreak = 0;
        sock.pause();
        setTimeout(() => sock.resume(), 10);
      }
    });
    sock.resume();
    await within(once(sock, "end"), "the end of 1 GiB to the slow reader", 50_000);
    clearInterval(sampler);
    sock.destroy();
    const MiB = 1024 * 1024;
    console.log(
      `1 GiB slow reader via Ferry: RSS ${(base / MiB).toFixed(0)} MiB before, ${(stalledPeak / MiB).toFixed(0)} MiB peak while stalled, ${(peak / MiB).toFixed(0)} MiB peak overall`,
    );
    expect(got).toBe(GiB);
    expect(stalledPeak - base).toBeLessThan(48 * MiB);
    expect(peak - base).toBeLessThan(128 * MiB);
  }, 180_000);
});
