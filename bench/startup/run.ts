// Start-up of the `ferry` command: `ferry --help` and `ferry status` (against a warm daemon),
// from the installed package (bundled JavaScript) and from the source checkout (TypeScript run
// by Node's type stripping). Uses hyperfine (Debian: apt-get install hyperfine).
// Usage: node bench/startup/run.ts [--runs N]   (prints a Markdown table for bench/RESULTS.md)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const root = join(import.meta.dirname, "../..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "40" } } });
const dir = mkdtempSync(join(tmpdir(), "ferry-bench-startup-"));
const prefix = join(dir, "prefix");
const home = join(dir, "home");
mkdirSync(prefix);
const env = { ...process.env, FERRY_HOME: home };
const loadBefore = loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");

try {
  // `./run pack` (it builds the relay bundle first), into the temporary directory.
  const tgz = execFileSync(join(root, "run"), ["pack", "--out", dir], { encoding: "utf8" })
    .trim()
    .split("\n")
    .pop() as string;
  execFileSync("npm", ["install", "-g", "--prefix", prefix, "--no-fund", "--no-audit", tgz], {
    stdio: "ignore",
  });
  const installed = join(prefix, "bin/ferry");
  const source = `${process.execPath} ${join(root, "apps/cli/src/bin/ferry.ts")}`;
  // A warm daemon with a few configs, started by the installed CLI.
  execFileSync(installed, ["config", "import", join(root, "examples/configs.json")], { env });

  // The packaged ferryd's memory, idle with the examples' configs and no forward running: the
  // bundle loads only what esbuild kept, where the source run loads every module it imports.
  const daemonPid = (JSON.parse(readFileSync(join(home, "daemon.json"), "utf8")) as { pid: number })
    .pid;
  await new Promise((r) => setTimeout(r, 3000));
  const status = readFileSync(`/proc/${daemonPid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  const daemonRss = `packaged ferryd idle: VmRSS ${kb("VmRSS").toFixed(1)} MiB (anonymous ${kb("RssAnon").toFixed(1)}, file-backed ${kb("RssFile").toFixed(1)})`;

  const json = join(dir, "hyperfine.json");
  execFileSync(
    "hyperfine",
    [
      "--warmup",
      "3",
      "--runs",
      values.runs as string,
      "--export-json",
      json,
      "-n",
      "package: ferry --help",
      `${installed} --help`,
      "-n",
      "source: ferry --help",
      `${source} --help`,
      "-n",
      "package: ferry status",
      `${installed} status`,
      "-n",
      "source: ferry status",
      `${source} status`,
    ],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  execFileSync(installed, ["daemon", "stop"], { env, stdio: "ignore" });

  const { results } = JSON.parse(readFileSync(json, "utf8")) as {
    results: {
      command: string;
      median: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      user: number;
      system: number;
    }[];
  };
  const ms = (s: number) => (s * 1000).toFixed(0);
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  process.stdout.write(
    `${new Date().toISOString()}, ${cpus().length} x ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `Node ${process.versions.node}, load average before ${loadBefore}, after the run ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}, ${values.runs} runs each\n${daemonRss}\n\n` +
      "| command | p50 ms | mean ms | ± ms | min ms | max ms | CPU ms (user + sys, mean) |\n| --- | --- | --- | --- | --- | --- | --- |\n" +
      results
        .map(
          (r) =>
            `| ${r.command} | ${ms(r.median)} | ${ms(r.mean)} | ${ms(r.stddev)} | ${ms(r.min)} | ${ms(r.max)} | ${ms(r.user + r.system)} |`,
        )
        .join("\n") +
      "\n",
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
