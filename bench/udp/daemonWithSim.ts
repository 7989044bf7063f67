// The whole product path for a benchmark: kube-sim (demo scenario) in this process, and ferryd
// started detached by `ensureDaemon` with core's real engine, as the CLI starts it. Shared by the
// fresh-port DNS run here and bench/soak.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  closeFerryClient,
  createFerryClient,
  type FerryClient,
} from "../../packages/store/src/client/index.ts";
import { ensureDaemon } from "../../packages/store/src/node/index.ts";
import { type KubeSim, startKubeSim } from "../../tooling/kube-sim/src/index.ts";

export interface DaemonWithSim {
  home: string;
  sim: KubeSim;
  client: FerryClient;
  pid: number;
  /** Runs `ensureDaemon` again (what any client command does): a new daemon if the old one died. */
  reconnect(): Promise<{ pid: number; started: boolean }>;
  close(): Promise<void>;
}

export async function startDaemonWithSim(opts: { networkFaults?: boolean } = {}) {
  const home = mkdtempSync(join(tmpdir(), "ferry-bench-"));
  const sim = await startKubeSim({
    scenario: "demo",
    dir: join(home, "kube-sim"),
    networkFaults: opts.networkFaults ?? false,
  });
  process.env.FERRY_HOSTS_FILE = join(home, "hosts");
  const { daemon } = await ensureDaemon({ home });
  const h: DaemonWithSim = {
    home,
    sim,
    client: createFerryClient(daemon),
    pid: daemon.pid,
    async reconnect() {
      const { daemon: d, started } = await ensureDaemon({ home });
      closeFerryClient(h.client);
      h.client = createFerryClient(d);
      h.pid = d.pid;
      return { pid: d.pid, started };
    },
    async close() {
      try {
        await h.client.forwards.stopAll.mutate();
      } catch {}
      closeFerryClient(h.client);
      try {
        process.kill(h.pid, "SIGTERM");
      } catch {}
      await new Promise((r) => setTimeout(r, 500));
      await sim.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
  return h;
}

/** VmRSS of a process in MiB (NaN when it is gone). */
export function rssMiB(pid: number): number {
  try {
    const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `forwards.status` until no forward is `starting` (or the time is up). */
export async function settle(client: FerryClient, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let rows = await client.forwards.status.query();
  while (Date.now() < end && rows.some((r) => r.state === "starting")) {
    await sleep(200);
    rows = await client.forwards.status.query();
  }
  return rows;
}
