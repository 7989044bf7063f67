// TCP benchmark: each row three ways in one run — direct (no forward), through Ferry's engine,
// and through `kubectl port-forward` — the last two against the same kube-sim.
// Run: pnpm bench:tcp   (options: --mib 1024 --latency 2000 --setup 200 [--setup-gap 0] --conns 100 --conn-mib 10
//   --no-kubectl --http-log --http-log-mib 1024)
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundledEngine } from "./bundledEngine.ts";
import { httpLogRow } from "./httpLogRow.ts";
import { concurrency, latency, percentile, recovery, setup, throughput } from "./load.ts";
import { cpuSeconds, cpuSplit, type Proc, peakRss, rssMiB, start, syscalls } from "./procs.ts";

const { values } = parseArgs({
  options: {
    mib: { type: "string", default: "1024" },
    latency: { type: "string", default: "2000" },
    setup: { type: "string", default: "200" },
    // Idle ms between the set-up row's connections (0: each starts as the last one is torn down).
    "setup-gap": { type: "string", default: "0" },
    conns: { type: "string", default: "100" },
    "conn-mib": { type: "string", default: "10" },
    "no-kubectl": { type: "boolean", default: false },
    // Issue 17: HTTP logging off vs on, on the same forward (needs the engine's setHttpLog).
    "http-log": { type: "boolean", default: false },
    "http-log-mib": { type: "string", default: "1024" },
  },
});
const MiB = 1024 * 1024;
const STEP_LIMIT_S = 90;
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const node = process.execPath;
type Ports = { echo: number; source: number; greet: number; http: number };
type Way = "direct" | "ferry" | "kubectl";

const procs: Proc[] = [];
const spawnTracked = (...a: Parameters<typeof start>) => {
  const p = start(...a);
  procs.push(p);
  return p;
};

async function startKubectl(kubeconfig: string): Promise<{ p: Proc; ports: Ports }> {
  const p = spawnTracked("kubectl", [
    "--kubeconfig",
    kubeconfig,
    "port-forward",
    "svc/bench",
    ":9000",
    ":7100",
    ":7000",
    ":80",
  ]);
  const got: Record<string, number> = {};
  for (const [key, remote] of [
    ["echo", 9000],
    ["source", 7100],
    ["greet", 7000],
    ["http", 80],
  ] as const) {
    const m = await p.waitFor(
      new RegExp(`Forwarding from 127\\.0\\.0\\.1:(\\d+) -> ${remote === 80 ? 8080 : remote}\\b`),
      20_000,
    );
    got[key] = Number(m[1]);
  }
  return { p, ports: got as Ports };
}

function kubectlVersion(): string | null {
  try {
    const out = execFileSync("kubectl", ["version", "--client", "-o", "json"], {
      encoding: "utf8",
    });
    return (JSON.parse(out) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
  } catch {
    return null;
  }
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "—");
const ratio = (x: number, base: number) =>
  Number.isFinite(x) && Number.isFinite(base) && base > 0 ? `${(x / base).toFixed(2)}×` : "—";

async function main() {
  const targets = spawnTracked(node, [here("./targetsProcess.ts")]);
  const tp = JSON.parse((await targets.waitFor(/^targets (.*)$/))[1]!) as Ports;
  // BENCH_SIM_NODE_ARGS likewise for kube-sim's process.
  const simArgs = (process.env.BENCH_SIM_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const sim = spawnTracked(node, [...simArgs, here("./simProcess.ts")], {
    TARGETS: JSON.stringify(tp),
  });
  const { kubeconfig } = JSON.parse((await sim.waitFor(/^sim (.*)$/))[1]!) as {
    kubeconfig: string;
  };
  await sim.waitFor(/^ready /);
  // BENCH_FERRY_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles Ferry's process.
  const ferryArgs = (process.env.BENCH_FERRY_NODE_ARGS ?? "").split(" ").filter(Boolean);
  // BENCH_FERRY_MALLOC_ARENA_MAX=N sets glibc's MALLOC_ARENA_MAX for Ferry's process only.
  const arenas = process.env.BENCH_FERRY_MALLOC_ARENA_MAX;
  // The engine as ferryd ships (esbuild bundle); BENCH_ENGINE=source runs it from TS source.
  const fromSource = process.env.BENCH_ENGINE === "source";
  const engineFile = fromSource
    ? here("./ferryProcess.ts")
    : await bundledEngine(here("./ferryProcess.ts"));
  const ferry = spawnTracked(node, [...ferryArgs, engineFile], {
    KUBECONFIG_PATH: kubeconfig,
    ...(arenas ? { MALLOC_ARENA_MAX: arenas } : {}),
    // BENCH_FERRY_ENV="K=V ..." more environment for Ferry's process only (e.g. an allocator:
    // LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libjemalloc.so.2).
    ...Object.fromEntries(
      (process.env.BENCH_FERRY_ENV ?? "")
        .split(" ")
        .filter((kv) => kv.includes("="))
        .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
    ),
  });
  const fp = JSON.parse((await ferry.waitFor(/^ferry (.*)$/))[1]!) as Ports;
  const kver = values["no-kubectl"] ? null : kubectlVersion();
  let kc: { p: Proc; ports: Ports } | null = null;
  let kubectlNote = kver ? "" : "kubectl not run (absent or --no-kubectl)";
  if (kver) {
    try {
      kc = await startKubectl(kubeconfig);
    } catch (e) {
      kubectlNote = `kubectl port-forward failed to start: ${(e as Error).message}`;
    }
  }
  const ways: { way: Way; ports: Ports; pid: number | null }[] = [
    { way: "direct", ports: tp, pid: null },
    { way: "ferry", ports: fp, pid: ferry.child.pid! },
    ...(kc ? [{ way: "kubectl" as Way, ports: kc.ports, pid: kc.p.child.pid! }] : []),
  ];
  const rows: Record<string, Partial<Record<Way, { text: string; value: number }>>> = {};
  const put = (row: string, way: Way, value: number, text: string) => {
    rows[row] ??= {};
    rows[row][way] = { value, text };
    console.error(`${row.padEnd(28)} ${way.padEnd(8)} ${text}`);
  };
  const safely = async (row: string, way: Way, f: () => Promise<void>) => {
    // A stalled way must not hold the whole table: each cell has a time limit.
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`stalled: no result within ${STEP_LIMIT_S} s`)),
        STEP_LIMIT_S * 1000,
      );
    });
    try {
      await Promise.race([f(), limit]);
    } catch (e) {
      put(row, way, Number.NaN, `failed: ${(e as Error).message.slice(0, 80)}`);
    } finally {
      clearTimeout(timer);
    }
  };

  // CPU per GiB of the forwarding process and of kube-sim: on two shared cores, what one side
  // spends the other cannot, so this explains the throughput rows.
  const simPid = sim.child.pid!;
  // BENCH_PROFILE_DIR=DIR: a CPU profile of kube-sim (and of Ferry's process on Ferry's rows)
  // for each row of the Ferry and kubectl ways, DIR/<row>-<way>-<process>.cpuprofile.
  const profDir = process.env.BENCH_PROFILE_DIR;
  const slug = (s: string) => s.split(" ")[0]?.toLowerCase() ?? "row";
  const profiled = async <T>(row: string, way: Way, work: () => Promise<T>): Promise<T> => {
    if (!profDir || way === "direct") return work();
    const who = way === "ferry" ? ([sim, ferry] as const) : ([sim] as const);
    for (const p of who) {
      p.send("prof-start");
      await p.waitFor(/^prof-started$/);
    }
    try {
      return await work();
    } finally {
      for (const p of who) {
        const name = p === sim ? "sim" : "ferry";
        p.send(`prof-stop ${profDir}/${slug(row)}-${way}-${name}.cpuprofile`);
        await p.waitFor(/^prof-saved /, 60_000);
      }
    }
  };
  // BENCH_STRACE_DIR=DIR: `strace -c -f` of the forwarder (Ferry or kubectl) during the
  // throughput row, DIR/throughput-<way>.strace: syscalls per GiB and bytes per write. strace
  // slows the traced process, so that run's MiB/s and CPU rows do not count.
  // BENCH_PERF_DIR=DIR likewise with `perf record` (cpu-clock, kernel included, low overhead):
  // DIR/throughput-<way>.perf.data, then `perf report -i … --sort dso,sym`.
  const straceDir = process.env.BENCH_STRACE_DIR;
  const perfDir = process.env.BENCH_PERF_DIR;
  const traced = async <T>(way: Way, pid: number | null, work: () => Promise<T>): Promise<T> => {
    if ((!straceDir && !perfDir) || pid === null) return work();
    const [cmd, args] = straceDir
      ? ["strace", ["-c", "-f", "-p", `${pid}`, "-o", `${straceDir}/throughput-${way}.strace`]]
      : [
          "perf",
          [
            "record",
            "-e",
            "cpu-clock",
            "-F",
            "999",
            "-p",
            `${pid}`,
            "-o",
            `${perfDir}/throughput-${way}.perf.data`,
          ],
        ];
    const st = spawnTracked(cmd as string, args as string[]);
    await new Promise((r) => setTimeout(r, 1000));
    try {
      return await work();
    } finally {
      st.child.kill("SIGINT");
      await new Promise((r) => st.child.once("exit", r));
    }
  };
  /** CPU of the forwarder and of kube-sim while `work` runs, per `per` operations. */
  const cpuPer = async <T>(
    pid: number | null,
    per: number,
    work: () => Promise<T>,
  ): Promise<[T, number, number]> => {
    const own0 = pid === null ? 0 : cpuSeconds(pid);
    const sim0 = cpuSeconds(simPid);
    const r = await work();
    const own = pid === null ? Number.NaN : (cpuSeconds(pid) - own0) / per;
    return [r, own, (cpuSeconds(simPid) - sim0) / per];
  };

  for (const { way, ports, pid } of ways)
    await safely("throughput MiB/s", way, async () => {
      const cpu0 = pid === null ? { user: 0, sys: 0 } : cpuSplit(pid);
      const sim0 = cpuSplit(simPid);
      const simIo0 = syscalls(simPid);
      const v = await traced(way, pid, () =>
        profiled("throughput", way, () => throughput(ports.source, Number(values.mib) * MiB)),
      );
      put("throughput MiB/s", way, v, fmt(v));
      if (pid === null) return;
      const gib = Number(values.mib) / 1024;
      const cpu1 = cpuSplit(pid);
      const user = (cpu1.user - cpu0.user) / gib;
      const sys = (cpu1.sys - cpu0.sys) / gib;
      const own = user + sys;
      const sim1 = cpuSplit(simPid);
      const simIo1 = syscalls(simPid);
      const simUser = (sim1.user - sim0.user) / gib;
      const simSys = (sim1.sys - sim0.sys) / gib;
      put(
        "CPU s per GiB: forwarder / kube-sim",
        way,
        own,
        `${fmt(own, 2)} / ${fmt(simUser + simSys, 2)}`,
      );
      // Why kube-sim may cost more per GiB for one client than for another: its user/kernel split
      // and its socket syscalls (thousands per GiB) show how the same bytes were chunked.
      put(
        "kube-sim per GiB: CPU s user / kernel, syscalls k read / write",
        way,
        simUser + simSys,
        `${fmt(simUser, 2)} / ${fmt(simSys, 2)}, ${fmt((simIo1.reads - simIo0.reads) / gib / 1000, 1)} / ${fmt((simIo1.writes - simIo0.writes) / gib / 1000, 1)}`,
      );
      // Kernel time is the syscalls (TLS socket reads, local socket writes): the same bytes for
      // both forwarders, so a gap in user time is the forwarder's own work.
      put("forwarder CPU s per GiB: user / kernel", way, own, `${fmt(user, 2)} / ${fmt(sys, 2)}`);
    });
  // CPU per operation beside the latency rows: what each side spends on one round trip or one
  // new connection, which a loaded machine inflates far less than the wall times.
  for (const { way, ports, pid } of ways)
    await safely("latency p50/p99 ms", way, async () => {
      const n = Number(values.latency);
      const [xs, own, simCpu] = await cpuPer(pid, n, () =>
        profiled("latency", way, () => latency(ports.echo, n)),
      );
      const p50 = percentile(xs, 50);
      put("latency p50/p99 ms", way, p50, `${fmt(p50, 3)} / ${fmt(percentile(xs, 99), 3)}`);
      if (pid !== null)
        put(
          "CPU µs per echo: forwarder / kube-sim",
          way,
          own * 1e6,
          `${fmt(own * 1e6, 0)} / ${fmt(simCpu * 1e6, 0)}`,
        );
    });
  for (const { way, ports, pid } of ways)
    await safely("setup p50/p99 ms", way, async () => {
      const n = Number(values.setup);
      const [xs, own, simCpu] = await cpuPer(pid, n, () =>
        profiled("setup", way, () => setup(ports.greet, n, Number(values["setup-gap"]))),
      );
      const p50 = percentile(xs, 50);
      put("setup p50/p99 ms", way, p50, `${fmt(p50, 2)} / ${fmt(percentile(xs, 99), 2)}`);
      if (pid !== null)
        put(
          "CPU ms per connection: forwarder / kube-sim",
          way,
          own * 1e3,
          `${fmt(own * 1e3, 2)} / ${fmt(simCpu * 1e3, 2)}`,
        );
    });
  for (const { way, ports, pid } of ways)
    await safely("concurrency MiB/s", way, async () => {
      const n = Number(values.conns);
      const bytes = Number(values["conn-mib"]) * MiB;
      const [[v, peak], own, simCpu] = await cpuPer(pid, (n * bytes) / 2 ** 30, () =>
        peakRss(pid, () => profiled("concurrency", way, () => concurrency(ports.source, n, bytes))),
      );
      if (pid !== null)
        put(
          "concurrency CPU s per GiB: forwarder / kube-sim",
          way,
          own,
          `${fmt(own, 2)} / ${fmt(simCpu, 2)}`,
        );
      put("concurrency MiB/s", way, v, fmt(v));
      if (pid !== null) put("RSS during concurrency MiB", way, peak, fmt(peak));
    });

  const httpLogLines = values["http-log"]
    ? await httpLogRow({
        ferry,
        port: fp.http,
        bytes: Number(values["http-log-mib"]) * MiB,
        echoes: Number(values.latency) / 2,
      })
    : [];

  // Idle memory and CPU with 100 forwards: Ferry holds them in one process; kubectl needs one
  // process per forward, so its figure is one idle kubectl's RSS times 100 (not 100 spawned).
  ferry.send("idle 96");
  await ferry.waitFor(/^idle-started$/, 120_000);
  await new Promise((r) => setTimeout(r, 2000));
  const cpu0 = cpuSeconds(ferry.child.pid!);
  await new Promise((r) => setTimeout(r, 10_000));
  const idleCpu = ((cpuSeconds(ferry.child.pid!) - cpu0) / 10) * 100;
  const ferryIdle = rssMiB(ferry.child.pid!);
  ferry.send("memory");
  const memory = await ferry.waitFor(/^memory (.*)$/, 120_000);
  console.error(`ferry memory, 100 idle forwards (MiB): ${memory[1]}`);
  put(
    "RSS idle, 100 forwards MiB",
    "ferry",
    ferryIdle,
    `${fmt(ferryIdle)} (CPU idle ${fmt(idleCpu, 2)} %)`,
  );
  if (kc) {
    const one = rssMiB(kc.p.child.pid!);
    put(
      "RSS idle, 100 forwards MiB",
      "kubectl",
      one * 100,
      `${fmt(one * 100)} (100 × ${fmt(one)}, extrapolated)`,
    );
  }

  const kill = async () => {
    sim.send("delete");
    const m = await sim.waitFor(/^ready \S+ (\d+)$/, 30_000);
    return Number(m[1]);
  };
  const rec = async (way: Way, port: number) => {
    const r = await recovery(port, 20, 2000, 3000, kill);
    put(
      "recovery failed / back ms",
      way,
      r.failed,
      `${r.failed} of ${r.sent} / ${r.backMs === null ? "never" : fmt(r.backMs, 0)}`,
    );
  };
  await safely("recovery failed / back ms", "ferry", () => rec("ferry", fp.http));
  if (kc) {
    await kc.p.stop();
    await safely("recovery failed / back ms", "kubectl", async () => {
      kc = await startKubectl(kubeconfig);
      await rec("kubectl", kc.ports.http);
    });
  }

  const cores = cpus().length;
  console.log(
    `\nmachine: ${cores} cores (${cpus()[0]?.model ?? "?"}), node ${process.version}, ${kver ? `kubectl ${kver}` : "no kubectl"}, ${new Date().toISOString()}`,
  );
  console.log(
    `load: ${values.mib} MiB bulk, ${values.latency} × 1 KiB echo, ${values.setup} fresh connections, ${values.conns} × ${values["conn-mib"]} MiB, recovery 20 req/s; Ferry's engine ${fromSource ? "from TS source (BENCH_ENGINE=source)" : "bundled as ferryd ships"}; uptime load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}\n`,
  );
  if (kubectlNote) console.log(`note: ${kubectlNote}\n`);
  console.log("| row | direct | Ferry | Ferry/direct | kubectl | kubectl/direct |");
  console.log("|---|---|---|---|---|---|");
  for (const [row, r] of Object.entries(rows)) {
    const d = r.direct;
    const cell = (w: Way) => r[w]?.text ?? "—";
    console.log(
      `| ${row} | ${cell("direct")} | ${cell("ferry")} | ${d ? ratio(r.ferry?.value ?? Number.NaN, d.value) : "—"} | ${cell("kubectl")} | ${d ? ratio(r.kubectl?.value ?? Number.NaN, d.value) : "—"} |`,
    );
  }
  if (httpLogLines.length > 0) console.log(`\n${httpLogLines.join("\n")}`);
}

try {
  await main();
} finally {
  for (const p of procs.reverse()) await p.stop();
}
