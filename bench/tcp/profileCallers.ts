// Who calls a function in a V8 .cpuprofile: the call paths (up to `depth` frames) that end in
// a function whose name contains NAME, by self time. Complements profileTop.ts.
// Run: node bench/tcp/profileCallers.ts file.cpuprofile NAME [depth]
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, name, depth = "5"] = process.argv.slice(2);
if (!file || !name)
  throw new Error("usage: node bench/tcp/profileCallers.ts <file.cpuprofile> NAME [depth]");
const profile = JSON.parse(readFileSync(file, "utf8")) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n: Node) =>
  `${n.callFrame.functionName || "(anonymous)"}${n.callFrame.url ? ` ${n.callFrame.url.replace(/^.*\//, "")}:${n.callFrame.lineNumber + 1}` : ""}`;
const paths = new Map<string, number>();
let total = 0;
let matched = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  let n = byId.get(profile.samples[i] as number);
  if (!n?.callFrame.functionName.includes(name)) continue;
  matched += dt;
  const chain: string[] = [];
  for (let k = 0; n && k < Number(depth); k++) {
    chain.push(label(n));
    const p = parent.get(n.id);
    n = p === undefined ? undefined : byId.get(p);
  }
  const key = chain.join(" ← ");
  paths.set(key, (paths.get(key) ?? 0) + dt);
}
console.log(
  `"${name}": ${((100 * matched) / total).toFixed(1)} % of ${(total / 1e6).toFixed(2)} s sampled`,
);
for (const [key, us] of [...paths.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`${((100 * us) / matched).toFixed(1).padStart(5)} %  ${key}`);
