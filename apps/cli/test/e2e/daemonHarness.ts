import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type Run, useTempDirs } from "./configHarness.ts";

export { addServiceArgs, ferry } from "./configHarness.ts";

/** Pids of ferryd processes whose FERRY_HOME is `home` (Linux /proc). */
export function ferrydPids(home: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!cmd.includes("ferryd.ts")) continue;
      const env = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (env.includes(`FERRY_HOME=${home}`)) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitGone(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

/** Temp FERRY_HOMEs whose daemons are stopped (SIGTERM, then waited for) after each test. */
export function useHomes(): () => string {
  const homes: string[] = [];
  afterEach(async () => {
    for (const home of homes.splice(0)) {
      for (const pid of ferrydPids(home)) {
        process.kill(pid, "SIGTERM");
        await waitGone(pid);
      }
    }
  });
  const tempDir = useTempDirs();
  return () => {
    const home = tempDir();
    homes.push(home);
    return home;
  };
}

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
