// Shared bits of the e2e suites: a sim + engine per file, a config builder, event recording,
// waiting, tiny TCP clients.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeSim, type KubeSimOptions, startKubeSim } from "@ferry/kube-sim";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import {
  createEngine,
  type Engine,
  type EngineOptions,
  type ForwardConfig,
  type ForwardEvent,
  type ForwardStatus,
  type PortForwardMode,
} from "../../src/index.ts";

let nextId = 1;

export function tcpConfig(kubeconfig: string, over: Partial<ForwardConfig> = {}): ForwardConfig {
  const id = nextId++;
  return {
    id,
    alias: `fwd-${id}`,
    context: "sim",
    kubeconfig,
    namespace: "default",
    workload_type: "service",
    service: "web",
    target: null,
    remote_address: null,
    protocol: "tcp",
    remote_port: 9000,
    local_port: 0,
    local_address: "127.0.0.1",
    domain_enabled: false,
    ...over,
  };
}

/** A proxy forward (through a relay pod) to a host outside the cluster, 127.0.0.1 by default. */
export function proxyConfig(kubeconfig: string, over: Partial<ForwardConfig> = {}): ForwardConfig {
  return tcpConfig(kubeconfig, {
    workload_type: "proxy",
    service: null,
    remote_address: "127.0.0.1",
    ...over,
  });
}

export interface TestEngine {
  engine: Engine;
  events: ForwardEvent[];
  home: string;
  waitFor(id: number, pred: (s: ForwardStatus) => boolean, ms?: number): Promise<ForwardStatus>;
  logs(id: number): string[];
  dispose(): Promise<void>;
}

/**
 * The port-forward path the suites run on: `auto` (the SPDY tunnel kube-sim offers), or `v4`
 * when FERRY_E2E_PORT_FORWARD=v4 (test:e2e runs the stream suites a second time that way).
 */
export const e2eMode: PortForwardMode = process.env.FERRY_E2E_PORT_FORWARD === "v4" ? "v4" : "auto";

export function makeEngine(
  opts: { connectWaitMs?: number; portForward?: PortForwardMode } & Partial<EngineOptions> = {},
): TestEngine {
  const home = mkdtempSync(join(tmpdir(), "ferry-core-e2e-"));
  const engine = createEngine({
    ...opts,
    ferryHome: home,
    connectWaitMs: opts.connectWaitMs ?? 5000,
    portForward: opts.portForward ?? e2eMode,
  });
  const events: ForwardEvent[] = [];
  engine.on((e) => events.push(e));
  return {
    engine,
    events,
    home,
    async waitFor(id, pred, ms = 15_000) {
      const until = Date.now() + ms;
      for (;;) {
        const s = engine.status(id);
        if (s && pred(s)) return s;
        if (Date.now() > until)
          throw new Error(
            `timed out; last status ${JSON.stringify(s)}; logs: ${this.logs(id).join(" | ")}`,
          );
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    logs(id) {
      return events.flatMap((e) => (e.type === "log" && e.id === id ? [e.message] : []));
    },
    async dispose() {
      await engine.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Hooks for one Ready kube-sim per file (or describe) and fresh engines per test, disposed after it. */
export function useSimAndEngine(simOptions: KubeSimOptions = { scenario: "test" }): {
  sim(): KubeSim;
  newEngine(opts?: Parameters<typeof makeEngine>[0]): TestEngine;
} {
  let sim: KubeSim | undefined;
  const engines: TestEngine[] = [];
  beforeAll(async () => {
    sim = await startKubeSim(simOptions);
    await simReady(sim);
  });
  afterAll(async () => {
    await sim?.close();
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((t) => t.dispose()));
  });
  return {
    sim() {
      if (!sim) throw new Error("useSimAndEngine: sim() is there once beforeAll has run");
      return sim;
    },
    newEngine(opts) {
      const t = makeEngine(opts);
      engines.push(t);
      return t;
    },
  };
}

/** Connects, sends `data` and collects everything until the peer ends (or `until` matches). */
export function exchange(
  port: number,
  data: string | Buffer,
  opts: { host?: string; until?: (got: Buffer) => boolean } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect({ host: opts.host ?? "127.0.0.1", port });
    s.on("connect", () => s.write(data));
    s.on("data", (c) => {
      chunks.push(c);
      if (opts.until?.(Buffer.concat(chunks))) {
        s.destroy();
        resolve(Buffer.concat(chunks));
      }
    });
    s.on("end", () => resolve(Buffer.concat(chunks)));
    s.on("error", reject);
    s.on("close", () => resolve(Buffer.concat(chunks)));
  });
}

/** One echo round trip on an open socket. */
export function echoOnce(s: Socket, msg: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = "";
    const onData = (c: Buffer) => {
      got += c.toString();
      if (got.length >= msg.length) {
        s.off("data", onData);
        s.off("error", reject);
        resolve(got);
      }
    };
    s.on("data", onData);
    s.once("error", reject);
    s.write(msg);
  });
}

export function openSocket(port: number, host = "127.0.0.1"): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port }, () => resolve(s));
    s.once("error", reject);
  });
}

export async function httpGet(
  port: number,
  path = "/",
  host = "127.0.0.1",
): Promise<{ status: number; body: string }> {
  // No keep-alive: each request is its own forwarded connection, none lingers in a pool.
  const res = await fetch(`http://${host}:${port}${path}`, { headers: { connection: "close" } });
  return { status: res.status, body: await res.text() };
}

/** Waits until every pod of the sim is Ready, so a sim that did not come up is not blamed on the engine. */
export async function simReady(
  sim: { listPods(ns?: string): unknown[] },
  ms = 20_000,
): Promise<void> {
  const until = Date.now() + ms;
  type P = {
    metadata: { name: string };
    status?: { phase?: string; conditions?: { type: string; status: string }[] };
  };
  for (;;) {
    const pods = sim.listPods() as P[];
    const notReady = pods.filter(
      (p) =>
        !(
          p.status?.phase === "Running" &&
          p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True")
        ),
    );
    if (pods.length > 0 && notReady.length === 0) return;
    if (Date.now() > until)
      throw new Error(
        `kube-sim pods not Ready: ${notReady.map((p) => `${p.metadata.name}:${p.status?.phase}`).join(", ")}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls `pred` until it holds; after `ms`, fails naming what was awaited (not a test timeout). */
export async function waitUntil(
  what: () => string,
  pred: () => boolean,
  ms = 15_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** `p`, or a failure naming what was awaited after `ms` (not a test timeout). */
export function within<T>(p: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** A copy of a sim kubeconfig with its user replaced by `user` (kubeconfig YAML is JSON-compatible). */
export function kubeconfigWithUser(
  kubeconfigPath: string,
  dir: string,
  name: string,
  user: object,
): string {
  const text = readFileSync(kubeconfigPath, "utf8");
  const out = text.replace(
    /users:\n(?:[ -].*\n)+?(?=contexts:)/,
    `users:\n  - name: sim-user\n    user: ${JSON.stringify(user)}\n`,
  );
  expect(out).not.toBe(text);
  const file = join(dir, name);
  writeFileSync(file, out);
  return file;
}

/** A forward that went through something (a rotation) untouched: running, no error, no status
 * change and nothing above info said in `seen` (the events since). */
export function expectUndisturbed(t: TestEngine, id: number, seen: ForwardEvent[]): void {
  const after = t.engine.status(id);
  expect(after?.state).toBe("running");
  expect(after?.error).toBeNull();
  expect(seen.filter((e) => e.type === "status")).toEqual([]);
  expect(
    seen.filter((e) => e.type === "log" && e.level !== "info").map((e) => JSON.stringify(e)),
  ).toEqual([]);
}
