// `node bench/kube-sim/run.ts`: cold start of the sim (fresh process each run), test and demo
// scenarios. Prints a Markdown table for bench/RESULTS.md.
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

const RUNS = Number(process.env.RUNS ?? 10);
const once = join(import.meta.dirname, "startOnce.ts");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  "| scenario | runs | startKubeSim() median ms | max ms | process start → ready median ms | max ms |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const scenario of ["test", "demo"]) {
  const rows: { startMs: number; totalMs: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    rows.push(
      JSON.parse(
        execFileSync(process.execPath, [once, scenario], { encoding: "utf8" })
          .trim()
          .split("\n")
          .pop() as string,
      ),
    );
  }
  const s = rows.map((r) => r.startMs);
  const t = rows.map((r) => r.totalMs);
  console.log(
    `| ${scenario} | ${RUNS} | ${median(s).toFixed(0)} | ${Math.max(...s).toFixed(0)} | ${median(t).toFixed(0)} | ${Math.max(...t).toFixed(0)} |`,
  );
}
