// Summarises a V8 .cpuprofile (from BENCH_FERRY_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"):
// the top self-time functions with their share of the sampled time.
// Run: node bench/tcp/profileTop.ts DIR/xxx.cpuprofile [count]
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, count = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/tcp/profileTop.ts <file.cpuprofile> [count]");
const profile = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i] as number);
  if (!n) continue;
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${url.replace(/^.*\/(node_modules\/\.pnpm\/)?/, "")}:${lineNumber + 1}` : "";
  const key = `${functionName || "(anonymous)"} ${where}`.trim();
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`sampled ${(total / 1e6).toFixed(2)} s`);
for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(count)))
  console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
