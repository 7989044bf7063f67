// ferryd benchmark: state-change latency on the events subscription, `ferry status` wall time
// with a warm daemon, daemon RSS idle and with 50 forwards, against kube-sim's demo cluster.
// Run: pnpm bench:daemon  (options: --status-runs 20 --forwards 50 --latency-samples 50)
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, hostname, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  closeFerryClient,
  createFerryClient,
  type FerryClient,
} from "../../packages/store/src/client/index.ts";
import { ensureDaemon } from "../../packages/store/src/node/index.ts";
import { startKubeSim } from "../../tooling/kube-sim/src/index.ts";

const { values } = parseArgs({
  options: {
    "status-runs": { type: "string", default: "20" },
    forwards: { type: "string", default: "50" },
    "latency-samples": { type: "string", default: "50" },
  },
});
const FERRY = fileURLToPath(new URL("../../apps/cli/src/bin/ferry.ts", import.meta.url));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const rssMiB = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Config input for forward `i`: kube-sim's demo frontend on an OS-chosen local port. */
const config = (i: number, kubeconfig: string) => ({
  alias: `bench-${i}`,
  context: "dev-cluster",
  kubeconfig,
  namespace: "webapp",
  workload_type: "service" as const,
  service: "frontend-service",
  remote_port: 80,
  local_port: 0,
});

/**
 * Latency from a state change (the status's `since`, stamped where the state changed, in the
 * daemon's process) to its arrival at a subscriber in another process: start and stop one
 * forward repeatedly, measure each `status` event.
 */
async function subscriptionLatency(client: FerryClient, samples: number): Promise<number[]> {
  const latencies: number[] = [];
  let wake: ((state: string) => void) | null = null;
  const sub = client.forwards.events.subscribe(undefined, {
    onData: (update) => {
      if (update.kind !== "status" || update.row.alias !== "bench-0") return;
      latencies.push(Date.now() - update.row.since);
      wake?.(update.row.state);
    },
  });
  await sleep(300);
  for (let i = 0; i < samples; i++) {
    const target = i % 2 === 0 ? ["running", "error"] : ["stopped"];
    const got = new Promise<void>((r) => {
      wake = (state) => target.includes(state) && r();
    });
    const op = i % 2 === 0 ? client.forwards.start : client.forwards.stop;
    await op.mutate({ aliases: ["bench-0"] });
    await Promise.race([got, sleep(2_000)]);
  }
  sub.unsubscribe();
  return latencies;
}

function statusWallTimes(home: string, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [FERRY, "status"], {
      env: { ...process.env, FERRY_HOME: home },
    });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`ferry status failed: ${r.stderr}`);
  }
  return times;
}

const home = mkdtempSync(join(tmpdir(), "ferry-bench-daemon-"));
const sim = await startKubeSim({ scenario: "demo", dir: join(home, "kube-sim") });
process.env.FERRY_HOSTS_FILE = join(home, "hosts");
let pid = 0;
try {
  const { daemon } = await ensureDaemon({ home });
  pid = daemon.pid;
  const client = createFerryClient(daemon);
  const info = await client.daemon.info.query();
  await sleep(2_000);
  const rssIdle = rssMiB(pid);

  await client.configs.create.mutate(config(0, sim.kubeconfigPath));
  const latencies = await subscriptionLatency(client, Number(values["latency-samples"]));
  const status = statusWallTimes(home, Number(values["status-runs"]));

  const n = Number(values.forwards);
  for (let i = 1; i < n; i++) await client.configs.create.mutate(config(i, sim.kubeconfigPath));
  const started = await client.forwards.startAll.mutate();
  let rows = await client.forwards.status.query();
  for (let i = 0; i < 100 && rows.some((r) => r.state === "starting"); i++) {
    await sleep(100);
    rows = await client.forwards.status.query();
  }
  // Some traffic through every forward, so each has opened its port-forward stream once.
  await Promise.all(
    rows.map((r) =>
      fetch(`http://127.0.0.1:${r.localPort}/`)
        .then((x) => x.text())
        .catch(() => ""),
    ),
  );
  await sleep(2_000);
  const running = rows.filter((r) => r.state === "running").length;
  const rssForwards = rssMiB(pid);
  await client.forwards.stopAll.mutate();
  closeFerryClient(client);

  const machine = `${cpus().length} vCPU ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${hostname()}, Node ${process.version}`;
  const out = {
    date: new Date().toISOString(),
    machine,
    engine: info.engine,
    subscriptionLatencyMs: {
      samples: latencies.length,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      max: Math.max(...latencies),
    },
    ferryStatusWallMs: {
      runs: status.length,
      p50: Math.round(pct(status, 50)),
      p95: Math.round(pct(status, 95)),
    },
    rssMiB: {
      idle: Math.round(rssIdle * 10) / 10,
      withForwards: Math.round(rssForwards * 10) / 10,
      forwards: started.length,
      running,
    },
  };
  console.log(JSON.stringify(out, null, 2));
} finally {
  if (pid) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {}
  }
  await sleep(500);
  await sim.close();
  rmSync(home, { recursive: true, force: true });
}
