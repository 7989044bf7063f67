import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { processAlive as alive } from "@ferry/store/node";

const run = promisify(execFile);

export const REPO = join(import.meta.dirname, "../../../..");
const FERRY_CLI = join(REPO, "apps/cli/src/bin/ferry.ts");

/** A fresh FERRY_HOME, and the `ferry` CLI run against it as a second, independent client. */
export function daemonHome() {
  const home = mkdtempSync(join(tmpdir(), "ferry-tui-e2e-"));
  // Async: kube-sim runs in the test's process, and the daemon may need it while the CLI runs;
  // a synchronous child would block the sim until the CLI gave up.
  const ferry = async (args: string[], env: Record<string, string> = {}): Promise<string> => {
    const { stdout } = await run(process.execPath, [FERRY_CLI, ...args], {
      encoding: "utf8",
      env: { ...process.env, FERRY_HOME: home, ...env },
      timeout: 60_000,
    });
    return stdout;
  };
  const daemonPid = (): number | null => {
    try {
      return (JSON.parse(readFileSync(join(home, "daemon.json"), "utf8")) as { pid: number }).pid;
    } catch {
      return null;
    }
  };
  const cleanup = async () => {
    const pid = daemonPid();
    if (pid && alive(pid)) {
      process.kill(pid, "SIGTERM");
      // The daemon stops its forwards on SIGTERM; wait for it before removing its home.
      for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
      if (alive(pid)) process.kill(pid, "SIGKILL");
    }
    rmSync(home, { recursive: true, force: true });
  };
  return { home, ferry, daemonPid, cleanup };
}

export { alive };
