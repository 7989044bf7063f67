import { spawnSync } from "node:child_process";

/** `systemd-analyze --user verify` in a private runtime dir; returns its exit code and stderr. */
export function verifyUnit(unitFile: string, runtimeDir: string) {
  const run = spawnSync("systemd-analyze", ["--user", "verify", unitFile], {
    encoding: "utf8",
    env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir },
  });
  if (run.error) throw new Error(`systemd-analyze: ${run.error.message}; apt-get install systemd`);
  return { code: run.status, stderr: run.stderr };
}
