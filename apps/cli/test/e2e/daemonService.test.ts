import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ferry, useTempDirs } from "./configHarness.ts";
import { verifyUnit } from "./serviceHarness.ts";

const FERRYD_SOURCE = join(import.meta.dirname, "../../../../packages/store/src/bin/ferryd.ts");

/** A fake `systemctl` on PATH that records each call: nothing touches this machine's session. */
function fakeSystemctl(dir: string): { path: string; calls: () => string[] } {
  const log = join(dir, "systemctl.calls");
  const file = join(dir, "systemctl");
  writeFileSync(file, `#!/bin/sh\necho "$*" >> "${log}"\n`);
  chmodSync(file, 0o755);
  return {
    path: `${dir}:${dirname(process.execPath)}:/usr/bin:/bin`,
    calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []),
  };
}

describe("ferry daemon install / uninstall (systemd user unit)", () => {
  const tempDir = useTempDirs();

  it("writes a unit that systemd accepts, holds no token, runs ferryd; enables it; uninstall undoes it", async () => {
    const home = tempDir();
    const bin = tempDir();
    const systemctl = fakeSystemctl(bin);
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, "config"), PATH: systemctl.path };
    // A running daemon has a token; the unit must not carry it.
    expect(
      (await ferry(join(home, ".ferry"), ["daemon", "start"], undefined, undefined, env)).code,
    ).toBe(0);
    const token = (
      JSON.parse(readFileSync(join(home, ".ferry/daemon.json"), "utf8")) as { token: string }
    ).token;

    const install = await ferry(
      join(home, ".ferry"),
      ["daemon", "install"],
      undefined,
      undefined,
      env,
    );
    expect(install.code, install.stderr).toBe(0);
    const unitFile = join(home, "config/systemd/user/ferryd.service");
    expect(install.stdout).toContain(`wrote ${unitFile}`);
    expect(systemctl.calls()).toEqual([
      "--user daemon-reload",
      "--user enable --now ferryd.service",
    ]);

    const unit = readFileSync(unitFile, "utf8");
    expect(unit).not.toContain(token);
    expect(unit).not.toMatch(/token/i);
    expect(unit).toContain(
      `ExecStart="${process.execPath}" "--max-semi-space-size=4" "${FERRYD_SOURCE}"`,
    );
    expect(unit).toContain(`Environment="FERRY_HOME=${join(home, ".ferry")}"`);
    expect(verifyUnit(unitFile, tempDir())).toEqual({ code: 0, stderr: "" });

    const uninstall = await ferry(
      join(home, ".ferry"),
      ["daemon", "uninstall"],
      undefined,
      undefined,
      env,
    );
    expect(uninstall.code, uninstall.stderr).toBe(0);
    expect(existsSync(unitFile)).toBe(false);
    expect(systemctl.calls().slice(2)).toEqual([
      "--user disable --now ferryd.service",
      "--user daemon-reload",
    ]);
  });

  it("a failing systemctl is reported with its message, exit 1", async () => {
    const home = tempDir();
    const bin = tempDir();
    writeFileSync(
      join(bin, "systemctl"),
      "#!/bin/sh\necho 'Failed to connect to bus' >&2\nexit 1\n",
    );
    chmodSync(join(bin, "systemctl"), 0o755);
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, "config"), PATH: `${bin}:/usr/bin:/bin` };
    const run = await ferry(join(home, ".ferry"), ["daemon", "install"], undefined, undefined, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "ferry: `systemctl --user daemon-reload` failed: Failed to connect to bus\n",
    );
  });
});
