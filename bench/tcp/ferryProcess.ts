// Ferry's engine in its own process (as the daemon hosts it), forwarding the bench service's
// ports on free local ports. stdin: `idle <n>` starts n more forwards (echo port) and answers
// `idle-started`, so the parent can read this process's RSS with 100 forwards.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { getHeapSpaceStatistics, writeHeapSnapshot } from "node:v8";
import { createEngine, type ForwardConfig } from "../../packages/core/src/index.ts";
import { defaultHttpLogSettings } from "../../packages/http-log/src/index.ts";
import { profilerCommand } from "./rowProfiler.ts";

const kubeconfig = process.env.KUBECONFIG_PATH ?? "";
const home = mkdtempSync(join(tmpdir(), "ferry-bench-"));
// FERRY_PORT_FORWARD=v4 measures the fallback path (one WebSocket per connection);
// FERRY_PORT_FORWARD=spdy-transport the previous tunnel code (core reads it itself).
const engine = createEngine({
  ferryHome: home,
  portForward: process.env.FERRY_PORT_FORWARD === "v4" ? "v4" : "auto",
});
// BENCH_BALLAST_MIB=N keeps N MiB of small live objects in the heap: a stand-in for a larger
// (or, by comparison with 0, a smaller) set of loaded modules, to see what each full GC's marking
// of the live heap costs the data path.
const ballast = Array.from(
  { length: (Number(process.env.BENCH_BALLAST_MIB ?? 0) * 2 ** 20) / 64 },
  (_, i) => ({ i, s: `b${i}` }),
);
let nextId = 1;
const cfg = (remote_port: number): ForwardConfig => ({
  id: nextId,
  alias: `bench-${nextId++}`,
  context: null,
  kubeconfig,
  namespace: "default",
  workload_type: "service",
  service: "bench",
  target: null,
  remote_address: null,
  protocol: "tcp",
  remote_port,
  local_port: 0,
  local_address: "127.0.0.1",
  domain_enabled: false,
});

async function running(c: ForwardConfig): Promise<number> {
  const s = await engine.start(c);
  if (s.state === "error") throw new Error(`${c.alias}: ${s.error?.message}`);
  for (let i = 0; i < 200 && engine.status(c.id)?.state !== "running"; i++)
    await new Promise((r) => setTimeout(r, 25));
  return engine.status(c.id)?.localPort ?? 0;
}

const ports = {
  echo: await running(cfg(9000)),
  source: await running(cfg(7100)),
  greet: await running(cfg(7000)),
  http: await running(cfg(80)),
};
console.log(`ferry ${JSON.stringify(ports)}`);

/**
 * Anonymous RSS by kind of mapping (/proc/self/smaps), MiB: glibc's main heap ([heap]), mappings
 * of 64 MiB or more (glibc's per-thread arenas, V8's reservations) and the rest (V8's pages,
 * mmapped malloc blocks). What V8's own counters do not see.
 */
function anonymousMappings(): Record<string, number> {
  const out = { brkHeap: 0, large: 0, other: 0 };
  let kind: keyof typeof out | null = null;
  for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const size = (Number.parseInt(head[2]!, 16) - Number.parseInt(head[1]!, 16)) / 2 ** 20;
      const name = head[4]!.trim();
      kind =
        name === "[heap]"
          ? "brkHeap"
          : head[3] !== "0" || name
            ? null
            : size >= 64
              ? "large"
              : "other";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && kind) out[kind] += Number(rss[1]) / 1024;
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}

const rl = createInterface({ input: process.stdin });
// `httplog on|off`: HTTP logging on the http forward (id 4), toggled live through the engine's
// setHttpLog (issue 17); answers `httplog <json of its status.httpLog>`.
function httpLogCommand(line: string): boolean {
  const m = /^httplog (on|off)$/.exec(line);
  if (!m) return false;
  const status = engine.setHttpLog(4, m[1] === "on" ? defaultHttpLogSettings : null);
  console.log(`httplog ${JSON.stringify(status?.httpLog ?? null)}`);
  return true;
}

rl.on("line", async (line) => {
  if (await profilerCommand(line.trim())) return;
  if (httpLogCommand(line.trim())) return;
  const m = /^idle (\d+)$/.exec(line.trim());
  if (m) {
    for (let i = 0; i < Number(m[1]); i++) await running(cfg(9000));
    console.log("idle-started");
  }
  // Where the RSS goes: V8 heap spaces, external and array buffers; BENCH_HEAP_SNAPSHOT=DIR also
  // writes a heap snapshot there (summarise it with bench/tcp/heapTop.ts).
  if (line.trim() === "memory") {
    const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
    const u = process.memoryUsage();
    // RSS split: anonymous pages (heaps, malloc arenas) and file-backed ones (the node binary).
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((sp) => [sp.space_name, mib(sp.space_used_size)]),
    );
    const snapshot = process.env.BENCH_HEAP_SNAPSHOT
      ? writeHeapSnapshot(join(process.env.BENCH_HEAP_SNAPSHOT, "ferry.heapsnapshot"))
      : null;
    console.log(
      `memory ${JSON.stringify({ rss: mib(u.rss), rssAnon: kb("RssAnon"), rssFile: kb("RssFile"), heapUsed: mib(u.heapUsed), heapTotal: mib(u.heapTotal), external: mib(u.external), arrayBuffers: mib(u.arrayBuffers), spaces, anonymous: anonymousMappings(), snapshot })}`,
    );
  }
});
rl.on("close", async () => {
  ballast.length = 0;
  await engine.close();
  rmSync(home, { recursive: true, force: true });
  process.exit(0);
});
