import { spawn } from "node:child_process";
import { join } from "node:path";
import { type Run, useTempDirs } from "./configHarness.ts";

export { addServiceArgs, alive, ferry, ferrydPids, waitGone } from "./configHarness.ts";

/** Temp FERRY_HOMEs; their daemons are stopped after each test (see useTempDirs). */
export const useHomes = useTempDirs;

const BIN = join(import.meta.dirname, "../../src/bin/ferry.ts");

/** Runs the real `ferry` with FERRY_HOME=home plus `env` (KUBECONFIG, FERRY_HOSTS_FILE...). */
export function ferryWith(home: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, FERRY_HOME: home, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
