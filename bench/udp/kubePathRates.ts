// Issue 16's UDP target on the full kube-sim path only: 512 B datagrams at each offered rate,
// with each process's CPU over the row, and optionally CPU profiles of the bench process (Ferry's
// client + kube-sim + the load generator share it) and of the relay pod.
// Run: node bench/udp/kubePathRates.ts --rates 10000,20000,30000,40000 [--count 100000]
//   [--profile-dir DIR]  (profiles the last rate only: bench.cpuprofile in-process through the
//   inspector, the relay pods with --cpu-prof through kube-sim's containerWrapper)
import { spawn } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { kubeSimPaths } from "./kubeSimPath.ts";
import { udpLoad } from "./udpLoad.ts";

const { values } = parseArgs({
  options: {
    rates: { type: "string", default: "40000" },
    count: { type: "string", default: "100000" },
    size: { type: "string", default: "512" },
    "profile-dir": { type: "string" },
  },
});
const profileDir = values["profile-dir"];
let wrapper: string[] | undefined;
if (profileDir) {
  // --cpu-prof writes on exit; the relay exits cleanly on SIGTERM, sent below.
  const path = join(profileDir, "relay-wrapper.sh");
  writeFileSync(
    path,
    `#!/bin/sh\nexe="$1"; shift\nexec "$exe" --cpu-prof --cpu-prof-dir="${profileDir}" "$@"\n`,
  );
  chmodSync(path, 0o755);
  wrapper = [path];
}

/** User + system CPU seconds of a process, from /proc (100 ticks a second). */
function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}
function childPids(): { pid: number; args: string }[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]!.split(" ");
        if (Number(stat[1]) !== process.pid) return [];
        const args = readFileSync(`/proc/${d}/cmdline`, "utf8").replaceAll("\0", " ");
        return [{ pid: Number(d), args }];
      } catch {
        return [];
      }
    });
}

const targetsScript = fileURLToPath(new URL("./targetsProcess.ts", import.meta.url));
const targets = spawn(process.execPath, [targetsScript], { stdio: ["pipe", "pipe", "inherit"] });
const ports = await new Promise<RegExpExecArray>((resolve) => {
  let out = "";
  targets.stdout!.on("data", (c) => {
    out += c;
    const m = /targets udp=(\d+) tcp=(\d+)/.exec(out);
    if (m) resolve(m);
  });
});
const path = await kubeSimPaths(
  { udpEchoPort: Number(ports[1]), tcpSinkPort: Number(ports[2]) },
  wrapper,
);
if (!path) process.exit(1);
console.log(`Ferry UDP forward listens on 127.0.0.1:${path.udpPort}`);
const relays = childPids().filter((p) => p.args.includes("startRelay"));
const rates = values.rates.split(",").map(Number);
console.log(
  "| offered/s | sent | received | loss % | datagrams/s | rcvbuf drops | CPU s: bench (client+sim+load) / relays / echo | wall s | bench loop busy | loop delay p99 / max, ms |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [i, rate] of rates.entries()) {
  const profiling = profileDir && i === rates.length - 1;
  const session = new Session();
  if (profiling) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const cpu0 = process.cpuUsage();
  const relay0 = relays.map((r) => cpuSeconds(r.pid));
  const echo0 = cpuSeconds(targets.pid!);
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const r = await udpLoad(
    { host: "127.0.0.1", port: path.udpPort },
    { count: Number(values.count), size: Number(values.size), rate },
  );
  const wall = (performance.now() - t0) / 1000;
  delay.disable();
  const busy = performance.eventLoopUtilization(elu0).utilization;
  const cpu = process.cpuUsage(cpu0);
  const relayCpu = relays.map((p, j) => (cpuSeconds(p.pid) - relay0[j]!).toFixed(2)).join(" + ");
  const echoCpu = cpuSeconds(targets.pid!) - echo0;
  if (profiling) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(join(profileDir, "bench.cpuprofile"), JSON.stringify(profile));
  }
  console.log(
    `| ${rate} | ${r.sent} | ${r.received} | ${r.lossPercent.toFixed(2)} | ${Math.round(r.datagramsPerSecond)} | ${r.rcvbufDrops} | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} / ${relayCpu} / ${echoCpu.toFixed(2)} | ${wall.toFixed(1)} | ${(busy * 100).toFixed(0)} % | ${(delay.percentile(99) / 1e6).toFixed(1)} / ${(delay.max / 1e6).toFixed(1)} |`,
  );
}
if (profileDir) {
  for (const r of relays) process.kill(r.pid, "SIGTERM");
  await new Promise((res) => setTimeout(res, 1500));
  console.log(`relay pids ${relays.map((r) => r.pid).join(", ")}; profiles in ${profileDir}`);
}
await path.close().catch(() => {});
targets.kill("SIGKILL");
process.exit(0);
