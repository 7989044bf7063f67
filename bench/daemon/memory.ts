// Where ferryd's idle memory goes. Starts ferryd (as the CLI does, with a fresh FERRY_HOME and
// no forwards) with memoryProbe.ts preloaded, waits, then reads: VmRSS and its split into
// anonymous and file-backed pages (/proc/PID/status), process.memoryUsage() and V8's heap
// spaces, and the modules loaded by package with their source size. Then the RSS of bare Node
// processes that import one of ferryd's dependencies each, which says what each costs alone.
// ferrydProbe.ts in ferryd does the inside part.
// Run: node bench/daemon/memory.ts [--snapshot]  (--snapshot also writes a heap snapshot; see
// bench/tcp/heapTop.ts)
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDaemon } from "../../packages/store/src/node/index.ts";
import { probeEnv } from "./probeEnv.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const storeDir = fileURLToPath(new URL("../../packages/store/", import.meta.url));

/** VmRSS, RssAnon, RssFile of a process, MiB. */
function rss(pid: number): Record<string, number> {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  return { VmRSS: kb("VmRSS"), RssAnon: kb("RssAnon"), RssFile: kb("RssFile") };
}

/** RSS of a Node process that imports `what` (from packages/store, so it resolves) and idles. */
async function importAlone(what: string | null): Promise<Record<string, number>> {
  const code = `${what ? `await import(${JSON.stringify(what)});` : ""}console.log("ready");setInterval(()=>{},1000);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { cwd: storeDir });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => resolve());
    child.on("exit", (c) => reject(new Error(`${what}: exited ${c}`)));
  });
  await sleep(1500);
  const r = rss(child.pid as number);
  child.kill();
  return r;
}

const home = mkdtempSync(join(tmpdir(), "ferry-bench-memory-"));
process.env.NODE_OPTIONS = probeEnv();
if (process.argv.includes("--snapshot")) process.env.MEMORY_PROBE_SNAPSHOT = "1";
const { daemon } = await ensureDaemon({ home });
delete process.env.NODE_OPTIONS;
try {
  await sleep(3000);
  const idle = rss(daemon.pid);
  process.kill(daemon.pid, "SIGWINCH");
  for (let i = 0; i < 200; i++) {
    await sleep(100);
    try {
      readFileSync(join(home, "memory.json"));
      break;
    } catch {}
  }
  await sleep(200);
  const inside = JSON.parse(readFileSync(join(home, "memory.json"), "utf8"));
  const alone: Record<string, Record<string, number>> = {};
  for (const what of [
    null,
    "@kubernetes/client-node",
    // Parts of client-node alone (no exports map, so deep imports resolve): what loading only
    // what core uses would cost.
    "@kubernetes/client-node/dist/config.js",
    "@kubernetes/client-node/dist/watch.js",
    "@kubernetes/client-node/dist/gen/apis/CoreV1Api.js",
    "@kubernetes/client-node/dist/gen/types/ObservableAPI.js",
    "better-sqlite3",
    "@trpc/server",
    "ws",
    "zod",
    "@ferry/core",
  ])
    alone[what ?? "(bare node)"] = await importAlone(what);
  console.log(
    JSON.stringify({ date: new Date().toISOString(), ferrydIdle: idle, inside, alone }, null, 2),
  );
} finally {
  process.kill(daemon.pid, "SIGTERM");
  await sleep(500);
  if (!process.argv.includes("--snapshot")) rmSync(home, { recursive: true, force: true });
  else console.error(`kept ${home}`);
}
