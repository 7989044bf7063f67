// Soak benchmark (issue 20): 50 forwards (TCP service, UDP via relay, TCP proxy via relay) on the
// real daemon against kube-sim with network faults on, steady light traffic, faults on a schedule,
// then a kill -9 of the daemon and a client command that starts a new one. Writes a JSON of the
// figures and an SVG plot of the daemon's RSS and CPU to bench/soak/results/.
// Run: node bench/soak/run.ts [--minutes 10] [--interval-ms 1000] [--out bench/soak/results]
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { probeEnv } from "../daemon/probeEnv.ts";
import { settle, sleep, startDaemonWithSim } from "../udp/daemonWithSim.ts";
import { type FaultRecord, faultStats } from "./faultStats.ts";
import { type FaultName, runFault } from "./faults.ts";
import { forwardConfigs } from "./forwards.ts";
import { startLoad } from "./load.ts";
import { cpuOver, fdCounts, startSampler } from "./procSampler.ts";
import { soakSvg } from "./svgPlot.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    "interval-ms": { type: "string", default: "1000" },
    "timeout-ms": { type: "string", default: "3000" },
    out: { type: "string", default: fileURLToPath(new URL("./results", import.meta.url)) },
    // Where the quiet windows' CPU profiles of ferryd go (too large for the results directory).
    "profile-dir": { type: "string", default: "/tmp/ferry-soak-profiles" },
  },
});
const total = Number(values.minutes) * 60;
const FERRY = fileURLToPath(new URL("../../apps/cli/src/bin/ferry.ts", import.meta.url));
const load0 = loadavg()
  .map((x) => x.toFixed(2))
  .join(" ");
const log = (m: string) => console.error(`[soak ${new Date().toISOString().slice(11, 19)}] ${m}`);

// ferryd (only: the relay pods start later, without it) gets the probe, for the idle profiles.
const nodeOptions = process.env.NODE_OPTIONS;
process.env.NODE_OPTIONS = probeEnv();
const h = await startDaemonWithSim({ networkFaults: true });
if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
else process.env.NODE_OPTIONS = nodeOptions;
mkdirSync(values["profile-dir"], { recursive: true });
const profiles: string[] = [];
try {
  const { sim } = h;
  const forwards = await forwardConfigs(sim.kubeconfigPath);
  for (const f of forwards) await h.client.configs.create.mutate(f.config);
  await h.client.forwards.startAll.mutate();
  const rows = await settle(h.client, 180_000);
  const notRunning = rows.filter((r) => r.state !== "running").map((r) => `${r.alias}: ${r.state}`);
  log(`${rows.length - notRunning.length}/${rows.length} forwards running`);

  const t0 = performance.now();
  const now = () => (performance.now() - t0) / 1000;
  const sampler = startSampler(() => h.pid, t0);
  // Traffic only to the forwards that started: on a shared machine another program can take a
  // probed-free port before its forward binds it (PORT_IN_USE), and requests to that port would
  // count against the faults.
  const live = forwards.filter(
    (f) => rows.find((r) => r.alias === f.config.alias)?.state === "running",
  );
  const traffic = startLoad(live, {
    intervalMs: Number(values["interval-ms"]),
    timeoutMs: Number(values["timeout-ms"]),
    t0,
  });
  const killWindow = Math.max(30, total * 0.08);
  // Long enough for connection pools to fill, so the first fd count is not a warm-up figure.
  const warm = Math.min(60, total * 0.1);
  const quiets: number[] = [];
  const quiet = async () => {
    quiets.push(now());
    traffic.pause();
    await sleep(10_000);
    const fd = fdCounts(h.pid);
    const resources = await activeResources(h.home, h.pid);
    const idleCpu = await cpuOver(h.pid, 15_000);
    // Then a CPU profile of the idle daemon (after the CPU figure: the sampler costs CPU too).
    process.kill(h.pid, "SIGUSR2");
    await sleep(10_000);
    process.kill(h.pid, "SIGUSR2");
    await sleep(1000);
    const n = quiets.length;
    const file = join(values["profile-dir"], `ferryd-quiet-${n}-${process.pid}.cpuprofile`);
    try {
      copyFileSync(join(h.home, `ferryd-${n}.cpuprofile`), file);
      profiles.push(file);
    } catch (e) {
      log(`no idle profile: ${(e as Error).message}`);
    }
    traffic.resume();
    return {
      ...fd,
      resources,
      idleCpuPercent: Math.round(idleCpu * 100) / 100,
      at: Math.round(now()),
    };
  };
  await sleep(warm * 1000);
  const before = await quiet();
  log(`before: ${JSON.stringify(before)}`);

  // A quiet window: 10 s settle, 15 s CPU, 10 s profile, 1 s to write it.
  const window = total - now() - 36 - killWindow;
  const names: FaultName[] =
    window >= 200
      ? ["pod-delete", "stall", "api-pause", "sleep", "relay-delete"]
      : ["pod-delete", "api-pause", "sleep"];
  const slot = Math.max(10, window / names.length);
  const holds: Record<FaultName, number> = {
    "pod-delete": 0,
    "relay-delete": 0,
    stall: Math.min(30, slot * 0.4),
    "api-pause": Math.min(15, slot * 0.3),
    sleep: Math.min(30, slot * 0.4),
  };
  const faults: FaultRecord[] = [];
  const windowStart = now();
  for (const [k, name] of names.entries()) {
    await sleep(Math.max(0, (windowStart + k * slot + 2 - now()) * 1000));
    const at = now();
    log(`fault ${name}`);
    const r = await runFault(name, { sim, daemonPid: () => h.pid, holdMs: holds[name] * 1000 });
    faults.push({ name, detail: r.detail, at, lift: (r.lift - t0) / 1000, until: 0 });
  }
  await sleep(Math.max(0, (windowStart + names.length * slot - now()) * 1000));
  const after = await quiet();
  log(`after: ${JSON.stringify(after)}`);

  // kill -9, then a client command (what a user would type next) starts a new daemon.
  const killAt = now();
  const oldPid = h.pid;
  process.kill(oldPid, "SIGKILL");
  await sleep(1000);
  const cmd = spawnSync(process.execPath, [FERRY, "status"], {
    env: { ...process.env, FERRY_HOME: h.home, NODE_OPTIONS: probeEnv() },
    encoding: "utf8",
  });
  const restarted = await h.reconnect();
  faults.push({
    name: "kill-9",
    detail: `daemon ${oldPid} killed; \`ferry status\` exit ${cmd.status}, new daemon ${restarted.pid}`,
    at: killAt,
    lift: now(),
    until: 0,
  });
  log(`kill -9 → new daemon ${restarted.pid} (started ${restarted.started})`);
  await sleep(Math.max(5, total - now()) * 1000);
  const afterKill = await h.client.forwards.status.query();
  await traffic.stop();
  sampler.stop();

  faults.forEach((f, i) => {
    f.until = faults[i + 1]?.at ?? now();
  });
  // The quiet window before the kill is not part of the last fault before it.
  const lastBeforeKill = faults[faults.length - 2];
  if (lastBeforeKill)
    lastBeforeKill.until = Math.min(lastBeforeKill.until, quiets[quiets.length - 1] ?? after.at);
  const perFault = faults.map((f) => faultStats(f, traffic.outcomes, live.length));
  const steady = traffic.outcomes.filter((o) => o.end < (faults[0]?.at ?? now()));
  const samples = sampler.samples.filter((s) => s.pid === oldPid);
  const third = Math.floor(samples.length / 3);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} vCPU ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    loadavg: {
      before: load0,
      after: loadavg()
        .map((x) => x.toFixed(2))
        .join(" "),
    },
    minutes: Number(values.minutes),
    forwards: {
      total: forwards.length,
      withTraffic: live.length,
      byKind: countBy(forwards.map((f) => f.kind)),
      notRunningAtStart: notRunning,
    },
    requests: traffic.outcomes.length,
    beforeFaults: { requests: steady.length, failed: steady.filter((o) => !o.ok).length },
    perFault,
    daemon: {
      before,
      after,
      fdDelta: after.fds - before.fds,
      timerDelta: (after.resources.Timeout ?? 0) - (before.resources.Timeout ?? 0),
      socketDelta: after.sockets - before.sockets,
      rssMiB: {
        first: round(samples[0]?.rssMiB),
        max: round(Math.max(...samples.map((s) => s.rssMiB))),
        firstThirdAvg: round(avg(samples.slice(0, third).map((s) => s.rssMiB))),
        lastThirdAvg: round(avg(samples.slice(-third).map((s) => s.rssMiB))),
      },
      cpuAvgPercent: round(avg(samples.map((s) => s.cpuPercent).filter(Number.isFinite))),
    },
    idleProfiles: profiles,
    afterKill: {
      states: countBy(afterKill.map((r) => r.state)),
      relayPodsInSim: sim
        .listPods()
        .filter((p) => p.metadata.labels?.["app.kubernetes.io/component"] === "relay").length,
    },
  };
  mkdirSync(values.out, { recursive: true });
  const stamp = result.date.slice(0, 16).replace(/[:T]/g, "");
  const base = join(values.out, `soak-${stamp}-${values.minutes}min`);
  writeFileSync(
    `${base}.json`,
    `${JSON.stringify({ ...result, samples: sampler.samples }, null, 1)}\n`,
  );
  writeFileSync(
    `${base}.outcomes.json`,
    JSON.stringify(traffic.outcomes.map((o) => [o.forward, round(o.start), round(o.end), o.ok])),
  );
  const marks = [
    ...faults.map((f) => ({ at: f.at, label: f.name })),
    ...quiets.map((at) => ({ at, label: "quiet (no traffic)" })),
  ];
  writeFileSync(
    `${base}.svg`,
    soakSvg(
      sampler.samples,
      marks,
      `ferryd during the soak, ${result.date.slice(0, 16)}Z, ${forwards.length} forwards, load ${load0}`,
    ),
  );
  console.log(JSON.stringify(result, null, 2));
  log(`wrote ${base}.json and .svg`);
} finally {
  await h.close();
}

function countBy(xs: string[]) {
  const m: Record<string, number> = {};
  for (const x of xs) m[x] = (m[x] ?? 0) + 1;
  return m;
}
function round(x: number | undefined) {
  return x === undefined ? null : Math.round(x * 100) / 100;
}

/** The daemon's active resources by type (Timeout, TCPSocketWrap, …), through ferrydProbe. */
async function activeResources(home: string, pid: number): Promise<Record<string, number>> {
  const file = join(home, "memory.json");
  rmSync(file, { force: true });
  process.kill(pid, "SIGWINCH");
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    try {
      return JSON.parse(readFileSync(file, "utf8")).activeResources as Record<string, number>;
    } catch {}
  }
  return {};
}
