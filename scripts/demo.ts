// `pnpm demo`: Ferry end to end on the embedded kube-sim cluster. It starts the sim with the
// demo scenario, a daemon on a throw-away home, imports examples/configs.json, starts all four
// forwards and then either opens the TUI (a terminal) or checks each forward once (no terminal).
// Everything it starts is stopped on exit or Ctrl-C; nothing is written outside the demo home.

import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startKubeSim } from "@ferry/kube-sim";
import { DEMO_CHECKS, type DemoCheck } from "./demo/checks.ts";
import { printTryTable } from "./demo/tryTable.ts";

const repo = resolve(fileURLToPath(import.meta.url), "../..");
const ferryBin = join(repo, "apps/cli/src/bin/ferry.ts");
const keep = process.argv.includes("--keep");
const interactive = process.stdin.isTTY === true && !process.argv.includes("--check");

const home = resolve(process.env.FERRY_DEMO_HOME ?? join(repo, ".cache/demo-home"));
rmSync(home, { recursive: true, force: true });
mkdirSync(home, { recursive: true });

// The daemon, the CLI and the TUI all see only the demo home and the sim's kubeconfig. HOME is
// pointed at the demo home as well, so nothing reaches the user's ~/.kube or ~/.ferry.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  FERRY_HOME: home,
  HOME: home,
  FERRY_HOSTS_FILE: join(home, "hosts"),
};

// Asynchronous on purpose: kube-sim runs in this process and must keep answering while the
// CLI and the daemon talk to it.
function ferry(args: string[], opts: { quiet?: boolean } = {}): Promise<number> {
  const child = spawn(process.execPath, [ferryBin, ...args], {
    env,
    stdio: opts.quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"],
  });
  return new Promise((done) => child.on("exit", (code) => done(code ?? 1)));
}

function step(text: string): void {
  process.stdout.write(`\n\x1b[1m▸ ${text}\x1b[0m\n`);
}

step("starting kube-sim (demo scenario)");
const sim = await startKubeSim({ scenario: "demo", dir: join(home, "kube-sim") });
env.KUBECONFIG = sim.kubeconfigPath;
console.log(`  kubeconfig: ${sim.kubeconfigPath}`);

let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  step("stopping forwards, relay pods, daemon and kube-sim");
  await ferry(["daemon", "stop"], { quiet: true });
  await sim.close();
  console.log("  done: nothing left running");
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void cleanup().then(() => process.exit(130));
  });
}

let exitCode = 0;
try {
  step("starting the Ferry daemon");
  if ((await ferry(["daemon", "start"])) !== 0) throw new Error("the daemon did not start");

  step("importing examples/configs.json");
  const imported = await ferry([
    "config",
    "import",
    join(repo, "examples/configs.json"),
    "--kubeconfig",
    sim.kubeconfigPath,
  ]);
  if (imported !== 0) throw new Error("the import failed");

  step("starting all forwards");
  if ((await ferry(["start", "--all"])) !== 0) exitCode = 1;

  step("what is running");
  await ferry(["status"]);
  printTryTable(home, sim.kubeconfigPath);

  if (keep) {
    console.log("\nLeft running (--keep). Stop it all with Ctrl-C.");
    await new Promise(() => {});
  } else if (interactive) {
    step("opening the terminal UI (q to quit)");
    await new Promise<void>((done) => {
      spawn(process.execPath, [ferryBin, "tui"], { env, stdio: "inherit" }).on("exit", () =>
        done(),
      );
    });
  } else {
    step("checking each forward once");
    const results = await Promise.all(DEMO_CHECKS.map((check: DemoCheck) => check.run()));
    for (const [i, check] of DEMO_CHECKS.entries()) {
      const r = results[i]!;
      console.log(`  ${r.ok ? "✔" : "✘"} ${check.alias.padEnd(20)} ${r.detail}`);
    }
    const failed = results.filter((r) => !r.ok).length;
    console.log(`\ndemo checks: ${results.length - failed} passed, ${failed} failed`);
    if (failed > 0) exitCode = 1;
  }
} catch (err) {
  console.error(`\ndemo: ${(err as Error).message}`);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
