import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { FerryClient, ForwardRow } from "../../src/client/index.ts";
import { type DaemonFile, readDaemonFile } from "../../src/daemon/daemonFile.ts";
import { clientOfRunningDaemon } from "../../src/node/index.ts";
import { processAlive as alive } from "../../src/node/processAlive.ts";

export const FERRYD = join(import.meta.dirname, "../../src/bin/ferryd.ts");

/** Temp FERRY_HOMEs and ferryd processes, all removed/killed after each test. */
export function useDaemons() {
  const homes: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
      }
    }
    for (const home of homes.splice(0)) {
      const pid = readDaemonFile(home)?.pid;
      if (pid && alive(pid)) process.kill(pid, "SIGKILL");
      rmSync(home, { recursive: true, force: true });
    }
  });
  return {
    home(): string {
      const home = mkdtempSync(join(tmpdir(), "ferryd-e2e-"));
      homes.push(home);
      return home;
    },
    /** Runs ferryd in the foreground (not detached) with FERRY_HOME=home. */
    spawn(home: string, env: NodeJS.ProcessEnv = {}): ChildProcess & { output: () => string } {
      const child = spawn(process.execPath, [FERRYD], {
        env: { ...process.env, FERRY_HOME: home, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout?.on("data", (d) => {
        output += d;
      });
      child.stderr?.on("data", (d) => {
        output += d;
      });
      children.push(child);
      return Object.assign(child, { output: () => output });
    },
    /** A fresh home with ferryd running in it (env added), and a client of it. */
    async started(env: NodeJS.ProcessEnv = {}) {
      const home = this.home();
      const child = this.spawn(home, env);
      await waitForDaemon(home);
      return { home, child, client: clientFor(home) };
    },
  };
}

/** Hooks for kube-sim's demo cluster (own temp dir) around the describe; the getter works in tests. */
export function useDemoCluster(): () => KubeSim {
  let cluster: KubeSim | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ferry-sim-"));
    cluster = await startKubeSim({ scenario: "demo", dir });
  });
  afterAll(async () => {
    await cluster?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!cluster) throw new Error("useDemoCluster: the cluster is there once beforeAll has run");
    return cluster;
  };
}

export { alive };

/** Waits until daemon.json names a daemon (optionally: not `notPid`) that answers. */
export async function waitForDaemon(
  home: string,
  notPid?: number,
  timeoutMs = 20_000,
): Promise<DaemonFile> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = readDaemonFile(home);
    if (info && info.pid !== notPid) {
      const ok = await fetch(`${info.url}/daemon.info`, {
        headers: { authorization: `Bearer ${info.token}` },
      })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return info;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no daemon answered for ${home} within ${timeoutMs} ms`);
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Listening TCP sockets on `port` as "ADDR:PORT" in hex from /proc/net/tcp{,6} (Linux). */
export function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === "0A" && cols[1]?.endsWith(`:${hexPort}`)) found.push(cols[1]);
    }
  }
  return found;
}

/** Pids whose parent is `pid` (Linux /proc). */
export function childrenOf(pid: number): number[] {
  const result: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) result.push(Number(entry));
    } catch {}
  }
  return result;
}

/** A typed client of the daemon running for `home` (read from its daemon.json). */
export function clientFor(home: string): FerryClient {
  return clientOfRunningDaemon(home).client;
}

/** The forward's row once it is `running` or `error` (or as it is after ~15 s). */
export async function settledRow(
  client: FerryClient,
  alias: string,
): Promise<ForwardRow | undefined> {
  let row: ForwardRow | undefined;
  for (let i = 0; i < 300; i++) {
    row = (await client.forwards.status.query()).find((r) => r.alias === alias);
    if (row?.state === "running" || row?.state === "error") return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  return row;
}

/** A config forwarding kube-sim's demo frontend Service (webapp/frontend-service:80). */
export function demoFrontend(kubeconfigPath: string, alias: string, localPort = 0) {
  return {
    alias,
    kubeconfig: kubeconfigPath,
    context: "dev-cluster",
    namespace: "webapp",
    workload_type: "service" as const,
    service: "frontend-service",
    remote_port: 80,
    local_port: localPort,
  };
}

/** A TCP port nothing listens on right now (the OS picks it, then it is released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
