import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { findDaemon, processAlive } from "@ferry/store/node";

const REPO = join(import.meta.dirname, "..", "..", "..", "..");
export const FERRYD = join(REPO, "packages", "store", "src", "bin", "ferryd.ts");
export const FERRY_CLI = join(REPO, "apps", "cli", "src", "bin", "ferry.ts");

export interface DaemonProcess {
  url: string;
  token: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * A real ferryd for one test home, as a child of the test (so it is always cleaned up), with
 * the renderer's origin allowed through FERRY_ALLOWED_ORIGINS, the daemon's own setting for it.
 */
export async function startDaemon(
  env: NodeJS.ProcessEnv,
  allowedOrigin: string,
): Promise<DaemonProcess> {
  const child: ChildProcess = spawn(process.execPath, [FERRYD], {
    env: { ...env, FERRY_ALLOWED_ORIGINS: allowedOrigin },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ferryd exited (${child.exitCode}): ${output}`);
    const found = await findDaemon(env.FERRY_HOME);
    if (found) {
      return {
        url: found.url,
        token: found.token,
        pid: child.pid as number,
        stop: async () => {
          if (child.exitCode !== null) return;
          const exited = new Promise((resolve) => child.once("exit", resolve));
          child.kill("SIGTERM");
          await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
          if (child.exitCode === null) child.kill("SIGKILL");
        },
      };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`ferryd did not answer: ${output}`);
}

/**
 * Runs the real CLI against the same home: `ferry stop web`, ... Async: kube-sim runs in the
 * test's process, and the daemon may need it while the CLI waits (a stop closes its streams).
 */
export function ferry(
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FERRY_CLI, ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The daemon main started for `home` (detached, not the test's child). `stop` stops the one
 * running for the home then, found again by its pid: main may have started another since.
 */
export async function detachedDaemon(home: string): Promise<DaemonProcess> {
  const found = await findDaemon(home);
  if (!found) throw new Error(`no daemon answers for ${home}`);
  return {
    url: found.url,
    token: found.token,
    pid: found.pid,
    stop: async () => {
      const now = await findDaemon(home);
      if (!now) return;
      const gone = () => !processAlive(now.pid);
      process.kill(now.pid, "SIGTERM");
      for (let i = 0; i < 200 && !gone(); i++) await new Promise((r) => setTimeout(r, 50));
      if (!gone()) process.kill(now.pid, "SIGKILL");
    },
  };
}
