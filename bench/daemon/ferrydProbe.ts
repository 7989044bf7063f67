// Preloaded into ferryd (`--import`, see probeEnv.ts) by the daemon benchmarks, which cannot reach
// into a detached daemon otherwise.
// - Records every module's URL and source size as it loads (module.registerHooks sees ESM and
//   require alike); on SIGWINCH writes process.memoryUsage(), V8's heap spaces and the modules by
//   package, and the active resources (timers, sockets…) by type, to $FERRY_HOME/memory.json
//   (and a heap snapshot when MEMORY_PROBE_SNAPSHOT=1).
// - SIGUSR2 starts a CPU profile through the inspector; the next SIGUSR2 writes it to
//   $FERRY_HOME/ferryd-<n>.cpuprofile (summarise with bench/tcp/profileTop.ts).
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { registerHooks } from "node:module";
import { join } from "node:path";
import { getHeapSpaceStatistics, writeHeapSnapshot } from "node:v8";

const modules: { url: string; bytes: number }[] = [];
registerHooks({
  load(url, context, nextLoad) {
    const r = nextLoad(url, context);
    const src = r.source;
    const bytes = src == null ? 0 : typeof src === "string" ? src.length : src.byteLength;
    modules.push({ url, bytes });
    return r;
  },
});

/** The package a module belongs to: its node_modules name, or Ferry's own packages/x. */
function owner(url: string): string {
  if (url.startsWith("node:")) return "node: built-ins";
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /.*\/((?:packages|apps|tooling)\/[^/]+)\//.exec(url);
  return own ? (own[1] as string) : url;
}

process.on("SIGWINCH", () => {
  const mib = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  const u = process.memoryUsage();
  const byOwner = new Map<string, { files: number; mib: number }>();
  for (const m of modules) {
    const e = byOwner.get(owner(m.url)) ?? { files: 0, mib: 0 };
    e.files++;
    e.mib += m.bytes / 2 ** 20;
    byOwner.set(owner(m.url), e);
  }
  const home = process.env.FERRY_HOME ?? ".";
  const snapshot =
    process.env.MEMORY_PROBE_SNAPSHOT === "1"
      ? writeHeapSnapshot(join(home, "ferryd.heapsnapshot"))
      : null;
  const out = {
    memoryUsage: Object.fromEntries(Object.entries(u).map(([k, v]) => [k, mib(v)])),
    spaces: Object.fromEntries(
      getHeapSpaceStatistics().map((s) => [s.space_name, mib(s.space_used_size)]),
    ),
    modules: { files: modules.length, mib: mib(modules.reduce((a, m) => a + m.bytes, 0)) },
    byPackage: [...byOwner.entries()]
      .sort((a, b) => b[1].mib - a[1].mib)
      .map(([name, e]) => ({ name, files: e.files, mib: Math.round(e.mib * 100) / 100 })),
    largest: [...modules]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 10)
      .map((m) => ({ url: m.url.replace(/^.*node_modules\//, ""), mib: mib(m.bytes) })),
    snapshot,
    // Timers, sockets, handles and requests keeping the loop alive, by type (leak counts).
    activeResources: process
      .getActiveResourcesInfo()
      .reduce<Record<string, number>>((m, t) => Object.assign(m, { [t]: (m[t] ?? 0) + 1 }), {}),
  };
  writeFileSync(join(home, "memory.json"), JSON.stringify(out, null, 2));
});

const session = new Session();
let profiling = false;
let profiles = 0;
process.on("SIGUSR2", async () => {
  const home = process.env.FERRY_HOME ?? ".";
  if (!profiling) {
    profiling = true;
    if (profiles === 0) {
      session.connect();
      await session.post("Profiler.enable");
    }
    await session.post("Profiler.start");
    return;
  }
  profiling = false;
  const { profile } = await session.post("Profiler.stop");
  writeFileSync(join(home, `ferryd-${++profiles}.cpuprofile`), JSON.stringify(profile));
});
