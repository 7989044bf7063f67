// ferryd benchmark: state-change latency on the events subscription, `ferry status` wall time
// with a warm daemon, daemon RSS idle and with 50 forwards.
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
  ensureDaemon,
  type FerryClient,
} from "../../packages/store/src/client/index.ts";

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

/** Config input for forward `i`: a service on an OS-chosen local port (local_port 0). */
const config = (i: number) => ({
  alias: `bench-${i}`,
  namespace: "default",
  workload_type: "service",
  service: `bench-${i}`,
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
  let wake: (() => void) | null = null;
  const sub = client.forwards.events.subscribe(undefined, {
    onData: (event) => {
      if (event.type !== "status" || event.status.alias !== "bench-0") return;
      latencies.push(Date.now() - event.status.since);
      wake?.();
    },
  });
  await sleep(300);
  for (let i = 0; i < samples; i++) {
    const got = new Promise<void>((r) => {
      wake = r;
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
let pid = 0;
try {
  const { daemon } = await ensureDaemon({ home });
  pid = daemon.pid;
  const client = createFerryClient({ home });
  const info = await client.daemon.info.query();
  await sleep(2_000);
  const rssIdle = rssMiB(pid);

  await client.configs.create.mutate(config(0));
  const latencies = await subscriptionLatency(client, Number(values["latency-samples"]));
  const status = statusWallTimes(home, Number(values["status-runs"]));

  const n = Number(values.forwards);
  for (let i = 1; i < n; i++) await client.configs.create.mutate(config(i));
  const started = await client.forwards.startAll.mutate();
  await sleep(3_000);
  const rows = await client.forwards.status.query();
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
  rmSync(home, { recursive: true, force: true });
}
