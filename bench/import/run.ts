// Import benchmark (issue 13.1): N configs that all want the alias "same", imported through a
// real ferryd, while a second client asks `forwards.status` back to back. Reports the import's
// wall time and the status latencies during it (p50/p99/max), per N.
// Run: node bench/import/run.ts  (options: --sizes 10000,50000,100000)
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, hostname, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { closeFerryClient, createFerryClient } from "../../packages/store/src/client/index.ts";
import { ensureDaemon } from "../../packages/store/src/node/index.ts";

const { values } = parseArgs({
  options: { sizes: { type: "string", default: "10000,50000,100000" } },
});

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const round = (x: number) => Math.round(x * 10) / 10;

/** `n` entries, one alias: the case that was quadratic (freeAlias tried -2, -3... per entry). */
function importText(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => ({
    alias: "same",
    namespace: "bench",
    workload_type: "service",
    service: `svc-${i}`,
    remote_port: 80,
  }));
  return JSON.stringify(entries);
}

async function measure(n: number) {
  const home = mkdtempSync(join(tmpdir(), "ferry-bench-import-"));
  const { daemon } = await ensureDaemon({ home });
  const importer = createFerryClient(daemon);
  const asker = createFerryClient(daemon);
  try {
    // A few configs of its own, so `status` has rows to join while the import runs.
    for (let i = 0; i < 5; i++)
      await asker.configs.create.mutate({
        namespace: "bench",
        workload_type: "service",
        service: `own-${i}`,
        remote_port: 80,
      });
    await asker.forwards.status.query(); // warm
    const text = importText(n);
    let done = false;
    const t0 = performance.now();
    const importing = importer.configs.import.mutate({ text }).finally(() => {
      done = true;
    });
    // Answers with the 5 own rows came before the import committed; answers with more rows came
    // after it (the daemon then also joins and sends every imported config: a different cost).
    const during: number[] = [];
    const afterCommit: number[] = [];
    while (!done) {
      const s = performance.now();
      const rows = await asker.forwards.status.query();
      (rows.length <= 5 ? during : afterCommit).push(performance.now() - s);
    }
    const report = await importing;
    const importMs = performance.now() - t0;
    return {
      entries: n,
      bodyMiB: round(text.length / 2 ** 20),
      added: report.added.length,
      importSeconds: round(importMs / 1000),
      statusBeforeCommit: {
        requests: during.length,
        p50: round(pct(during, 50)),
        p99: round(pct(during, 99)),
        max: round(Math.max(...during)),
      },
      statusAfterCommitBeforeReply: {
        requests: afterCommit.length,
        max: afterCommit.length ? round(Math.max(...afterCommit)) : null,
      },
    };
  } finally {
    closeFerryClient(importer);
    await asker.daemon.shutdown.mutate().catch(() => {});
    closeFerryClient(asker);
    await new Promise((r) => setTimeout(r, 500));
    rmSync(home, { recursive: true, force: true });
  }
}

const results = [];
const loadBefore = loadavg()[0];
for (const n of (values.sizes ?? "").split(",").map(Number)) results.push(await measure(n));
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${cpus().length} vCPU ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${hostname()}, Node ${process.version}`,
      loadAverage1m: { before: round(loadBefore ?? 0), after: round(loadavg()[0] ?? 0) },
      results,
    },
    null,
    2,
  ),
);
