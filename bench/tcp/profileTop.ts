// Summarises a V8 .cpuprofile (from --cpu-prof, or BENCH_PROFILE_DIR for one row at a time): the
// top self-time functions, then self time by where the code lives (a package, Node's own
// modules, Ferry's files, GC, idle; the profiler's own node:inspector frames left out), as markdown tables with each one's share of the sampled time.
// Run: node bench/tcp/profileTop.ts file.cpuprofile [count] [--busy] [--inclusive]
//   --busy: shares of the non-idle time (the process's own CPU), not of the wall time sampled.
//   --inclusive: a third table, the time under each function (itself and what it calls).
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const args = process.argv.slice(2);
const busy = args.includes("--busy");
const inclusive = args.includes("--inclusive");
const [file, count = "20"] = args.filter((a) => !a.startsWith("--"));
if (!file)
  throw new Error("usage: node bench/tcp/profileTop.ts <file.cpuprofile> [count] [--busy]");
const profile = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${url.replace(/^.*\/(node_modules\/\.pnpm\/)?/, "")}:${lineNumber + 1}` : "";
  return `${functionName || "(anonymous)"} ${where}`.trim();
};
const under = new Map<string, number>();

/** Where a frame's code lives: a package, a Node built-in, a Ferry file, or a V8 pseudo-frame. */
function home(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  // Greedy: the last packages/…, apps/… or bench/… in the path (a worktree may be called bench).
  const own = /.*\/((?:packages|apps|tooling|bench)\/[^/]+)\/(?:src\/)?(.*?)\/?[^/]+$/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url.replace(/^.*\//, "");
}

const self = new Map<string, number>();
const homes = new Map<string, number>();
let idle = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i] as number);
  if (!n) continue;
  const dt = profile.timeDeltas[i] ?? 0;
  const { functionName, url } = n.callFrame;
  // The in-process profiler's own start and stop (node:inspector) are not the row's work.
  if (url === "node:inspector") continue;
  if (functionName === "(idle)") idle += dt;
  const key = label(n);
  self.set(key, (self.get(key) ?? 0) + dt);
  if (inclusive) {
    const seen = new Set<string>();
    for (let m: Node | undefined = n; m; m = byId.get(parent.get(m.id) ?? -1)) seen.add(label(m));
    seen.delete("(root)");
    for (const k of seen) under.set(k, (under.get(k) ?? 0) + dt);
  }
  const h = home(url, functionName);
  homes.set(h, (homes.get(h) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const base = busy ? total - idle : total;
const pct = (us: number) => `${((100 * us) / base).toFixed(1)} %`;
console.log(
  `${file.replace(/^.*\//, "")}: sampled ${(total / 1e6).toFixed(2)} s, idle ${((100 * idle) / total).toFixed(1)} %; shares of the ${busy ? "busy" : "sampled"} time\n`,
);
const table = (title: string, m: Map<string, number>) => {
  console.log(`| ${title} | self |\n|---|---|`);
  for (const [key, us] of [...m.entries()]
    .filter(([k]) => !busy || !k.startsWith("(idle)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(count)))
    console.log(`| \`${key}\` | ${pct(us)} |`);
  console.log();
};
table("function", self);
table("where", homes);
if (inclusive) table("function, inclusive", under);
