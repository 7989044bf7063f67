// Summarises a V8 .heapsnapshot: self size by constructor (node name for objects, node type
// otherwise), the largest first. Run: node bench/tcp/heapTop.ts file.heapsnapshot [count]
import { readFileSync } from "node:fs";

const [file, count = "25"] = process.argv.slice(2);
if (!file) throw new Error("usage: node bench/tcp/heapTop.ts <file.heapsnapshot> [count]");
const snap = JSON.parse(readFileSync(file, "utf8")) as {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
};
const fields = snap.snapshot.meta.node_fields;
const types = snap.snapshot.meta.node_types[0];
const width = fields.length;
const [iType, iName, iSize] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
const sizes = new Map<string, { bytes: number; count: number }>();
let total = 0;
for (let i = 0; i < snap.nodes.length; i += width) {
  const type = types[snap.nodes[i + (iType as number)] as number] ?? "?";
  const name =
    type === "object" ? snap.strings[snap.nodes[i + (iName as number)] as number] : `(${type})`;
  const bytes = snap.nodes[i + (iSize as number)] as number;
  total += bytes;
  const e = sizes.get(name ?? "?") ?? { bytes: 0, count: 0 };
  e.bytes += bytes;
  e.count++;
  sizes.set(name ?? "?", e);
}
console.log(`heap ${(total / 2 ** 20).toFixed(1)} MiB in ${snap.nodes.length / width} nodes`);
for (const [name, e] of [...sizes.entries()]
  .sort((a, b) => b[1].bytes - a[1].bytes)
  .slice(0, Number(count)))
  console.log(
    `${(e.bytes / 2 ** 20).toFixed(1).padStart(7)} MiB ${String(e.count).padStart(8)}  ${name}`,
  );
