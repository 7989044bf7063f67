// Issue 16's UDP target on the full kube-sim path only: 512 B datagrams at each offered rate, with
// each process's CPU over the row. Each part has its own process, so each row says who is the
// limit: the load generator (this process), Ferry's relay forward (relayForwardProcess.ts: the UDP
// socket, mux framing and lean tunnel, as in ferryd), kube-sim (simPathProcess.ts: API server and
// the kubelet's port-forward), the relay pod (the sim's child) and the echo (targetsProcess.ts).
// `--one-process` puts Ferry's forward and kube-sim back into this process (session 4's setup).
// Run: node bench/udp/kubePathRates.ts --rates 10000,20000,30000,40000 [--count 100000]
//   [--warmup 100000]  (datagrams at 20 000/s first, not reported)
//   [--echo native|node]  (the far end: udpEcho.c, built with the system's cc, or Node's dgram)
//   [--profile-dir DIR]  (profiles the last rate only: forwarder.cpuprofile and sim.cpuprofile
//   through the inspector, the relay pods with --cpu-prof through kube-sim's containerWrapper)
import { chmodSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cpuSeconds, type Proc, start } from "../tcp/procs.ts";
import { kubeSimPaths } from "./kubeSimPath.ts";
import { kubeSimProcesses } from "./kubeSimProcesses.ts";
import { udpLoad } from "./udpLoad.ts";

const { values } = parseArgs({
  options: {
    rates: { type: "string", default: "40000" },
    count: { type: "string", default: "100000" },
    size: { type: "string", default: "512" },
    "profile-dir": { type: "string" },
    "one-process": { type: "boolean", default: false },
    echo: { type: "string", default: "native" },
    /** Datagrams at 20 000/s before the first row, not reported (0: none). */
    warmup: { type: "string", default: "100000" },
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

function childPids(parent: number): { pid: number; args: string }[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]!.split(" ");
        if (Number(stat[1]) !== parent) return [];
        const args = readFileSync(`/proc/${d}/cmdline`, "utf8").replaceAll("\0", " ");
        return [{ pid: Number(d), args }];
      } catch {
        return [];
      }
    });
}

/** Datagrams the kernel dropped, per UDP socket inode (/proc/net/udp). */
function dropsBySocket(): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of readFileSync("/proc/net/udp", "utf8").split("\n").slice(1)) {
    const f = l.trim().split(/\s+/);
    if (f[9]) m.set(f[9], Number(f.at(-1)));
  }
  return m;
}
/** Which process holds each socket inode: `pids` names the processes we know. */
function socketOwners(pids: Map<number, string>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [pid, name] of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`, "utf8");
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m) owners.set(m[1]!, name);
      }
    } catch {}
  }
  return owners;
}
/** Where drops grew over a row: `owner n` per socket. */
function dropsWhere(before: Map<string, number>, owners: Map<string, string>): string {
  const out: string[] = [];
  for (const [inode, n] of dropsBySocket()) {
    const d = n - (before.get(inode) ?? 0);
    if (d > 0) out.push(`${owners.get(inode) ?? `inode ${inode}`} ${d}`);
  }
  return out.join(", ") || "none";
}

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const node = process.execPath;
const targets = start(node, [script("./targetsProcess.ts")], { ECHO: values.echo });
const ports = await targets.waitFor(/targets udp=(\d+) tcp=(\d+) echoPid=(\d+) echo=(\w+)/);
const echoPort = Number(ports[1]);
const echoPid = Number(ports[3]);
console.log(`echo: ${ports[4]} (pid ${echoPid})`);

let udpPort: number;
let sim: Proc | undefined;
let forwarder: Proc | undefined;
let close: () => Promise<void>;
if (values["one-process"]) {
  const path = await kubeSimPaths(
    { udpEchoPort: echoPort, tcpSinkPort: Number(ports[2]) },
    wrapper,
  );
  if (!path) process.exit(1);
  udpPort = path.udpPort;
  close = path.close;
} else {
  const path = await kubeSimProcesses({ udpEchoPort: echoPort }, wrapper);
  udpPort = path.udpPort;
  sim = path.sim;
  forwarder = path.udp;
  close = path.close;
}
console.log(
  `Ferry UDP forward listens on 127.0.0.1:${udpPort}; ${values["one-process"] ? "forward and kube-sim in this process" : `forwarder pid ${forwarder!.child.pid}, kube-sim pid ${sim!.child.pid}`}`,
);
const relays = childPids(sim?.child.pid ?? process.pid).filter((p) =>
  p.args.includes("startRelay"),
);
const names = new Map<number, string>([
  [process.pid, values["one-process"] ? "bench (load gen + Ferry + sim)" : "load gen"],
  [echoPid, "echo"],
  ...relays.map((r) => [r.pid, "relay pod"] as [number, string]),
]);
if (forwarder) names.set(forwarder.child.pid!, "Ferry");
const rates = values.rates.split(",").map(Number);
// A fresh relay pod (and forwarder) loses datagrams in its first seconds at 20 000/s, from JIT and
// heap warm-up, not rate: the first of two 20 000/s rows lost 1.3-14 % at the relay's socket, the
// second 0 (RESULTS.md). Rows measure the warmed path.
if (Number(values.warmup) > 0) {
  const w = await udpLoad(
    { host: "127.0.0.1", port: udpPort },
    { count: Number(values.warmup), size: Number(values.size), rate: 20_000 },
  );
  console.log(
    `(warm-up, not a row: ${w.sent} datagrams at 20 000/s, ${w.lossPercent.toFixed(2)} % lost)`,
  );
}
console.log(
  "| offered/s | sent | received | loss % | datagrams/s | drops, by socket | CPU s: load gen / Ferry forwarder / kube-sim / relays / echo | CPU µs per echoed datagram: Ferry / sim / relay | load gen's largest catch-up burst | wall s |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
const procs = () => [forwarder, sim].filter((p): p is Proc => !!p);
for (const [i, rate] of rates.entries()) {
  const profiling = profileDir && i === rates.length - 1;
  if (profiling) {
    for (const p of procs()) p.send("prof-start");
    await Promise.all(procs().map((p) => p.waitFor(/^prof-started/)));
  }
  const cpu0 = process.cpuUsage();
  const cpuOf = () => ({
    fwd: forwarder ? cpuSeconds(forwarder.child.pid!) : Number.NaN,
    sim: sim ? cpuSeconds(sim.child.pid!) : Number.NaN,
    relays: relays.map((r) => cpuSeconds(r.pid)),
    echo: cpuSeconds(echoPid),
  });
  const before = cpuOf();
  let drops0 = dropsBySocket();
  let owners = new Map<string, string>();
  const t0 = performance.now();
  const r = await udpLoad(
    { host: "127.0.0.1", port: udpPort },
    {
      count: Number(values.count),
      size: Number(values.size),
      rate,
      // Every socket of the row exists now: the load generator's and the relay's peer socket.
      onWarm: () => {
        drops0 = dropsBySocket();
        owners = socketOwners(names);
      },
    },
  );
  const wall = (performance.now() - t0) / 1000;
  const where = dropsWhere(drops0, owners);
  const after = cpuOf();
  const cpu = process.cpuUsage(cpu0);
  if (profiling) {
    for (const [j, p] of procs().entries()) {
      const file = join(profileDir, `${j === 0 && forwarder ? "forwarder" : "sim"}.cpuprofile`);
      p.send(`prof-stop ${file}`);
      await p.waitFor(/^prof-saved/);
    }
  }
  const relayCpu = relays
    .map((_p, j) => (after.relays[j]! - before.relays[j]!).toFixed(2))
    .join(" + ");
  const d = (k: "fwd" | "sim" | "echo") => (after[k] - before[k]).toFixed(2);
  const relaySum = relays.reduce((a, _p, j) => a + after.relays[j]! - before.relays[j]!, 0);
  const per = (s: number) => ((s * 1e6) / Math.max(1, r.received)).toFixed(1);
  const perDatagram = `${per(after.fwd - before.fwd)} / ${per(after.sim - before.sim)} / ${per(relaySum)}`;
  console.log(
    `| ${rate} | ${r.sent} | ${r.received} | ${r.lossPercent.toFixed(2)} | ${Math.round(r.datagramsPerSecond)} | ${where} (all ${r.rcvbufDrops}) | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} / ${d("fwd")} / ${d("sim")} / ${relayCpu} / ${d("echo")} | ${perDatagram} | ${r.largestBurst} | ${wall.toFixed(1)} |`,
  );
}
if (profileDir) {
  for (const r of relays) process.kill(r.pid, "SIGTERM");
  await new Promise((res) => setTimeout(res, 1500));
  console.log(`relay pids ${relays.map((r) => r.pid).join(", ")}; profiles in ${profileDir}`);
}
await close().catch(() => {});
await targets.stop();
process.exit(0);
