import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Run } from "./configHarness.ts";
import {
  entry,
  filesContaining,
  forwardsJson,
  freePort,
  type SyncHome,
  TOKEN,
  useSyncWorld,
  WRONG_TOKEN,
} from "./syncHarness.ts";

/**
 * `sync add` then `sync now`: the first run that fails (exit 1), or the last one. A source may be
 * refused when added (a URL that can never work) or when synced (what needs the network).
 */
async function addAndSync(
  h: SyncHome,
  name: string,
  addArgs: string[],
  env?: Record<string, string>,
): Promise<Run> {
  const add = await h.run(["sync", "add", name, ...addArgs], env);
  if (add.code !== 0) return add;
  return h.run(["sync", "now", name], env);
}

const configsOf = async (h: SyncHome) => (await h.run(["config", "list", "--json"])).stdout;

// Issue 19's refusals through the CLI: each is exit 1 with a message that says what went wrong
// and what to do, the configs are unchanged, and no token shows anywhere.
describe("ferry sync refusals (git server over HTTPS)", () => {
  const world = useSyncWorld();

  it("an unknown CA names the host and how to add the CA", { timeout: 60_000 }, async () => {
    const git = world.git();
    const h = world.home();
    git.createRepo("ca", { "forwards.json": forwardsJson(entry("web", await freePort())) });
    const r = await addAndSync(h, "ca", [
      git.httpsUrl("ca"),
      "--path",
      "forwards.json",
      "--token-env",
      "FERRY_GIT_TOKEN",
      "--username",
      "dev",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("127.0.0.1");
    expect(r.stderr).toMatch(/caFile|--ca-file|NODE_EXTRA_CA_CERTS/);
    expect(await configsOf(h)).toBe("[]\n");
  });

  it("a wrong token is refused, and no token is in any output or file under FERRY_HOME", {
    timeout: 60_000,
  }, async () => {
    const git = world.git();
    const h = world.home();
    git.createRepo("auth", { "forwards.json": forwardsJson(entry("web", await freePort())) });
    const r = await addAndSync(
      h,
      "auth",
      [
        git.httpsUrl("auth"),
        "--path",
        "forwards.json",
        "--ca-file",
        git.caFile,
        "--token-env",
        "FERRY_GIT_WRONG",
        "--username",
        "dev",
      ],
      { FERRY_GIT_WRONG: WRONG_TOKEN },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/auth/i);
    const status = await h.run(["sync", "status", "auth", "--json"]);
    await h.run(["sync", "list"]);
    await h.run(["daemon", "logs"]);
    // Refused when added: nothing was stored.
    expect(status.stderr).toContain('no sync source named "auth"');
    for (const secret of [WRONG_TOKEN, TOKEN]) {
      expect(h.output()).not.toContain(secret);
      expect(filesContaining(h.home, secret)).toEqual([]);
    }
    expect(await configsOf(h)).toBe("[]\n");
  });

  it("an unreachable host, a missing branch, a path not found, an ssh:// URL, a token file others can read", {
    timeout: 120_000,
  }, async () => {
    const git = world.git();
    const h = world.home();
    git.createRepo("bad", { "forwards.json": forwardsJson(entry("web", await freePort())) });
    const trust = ["--ca-file", git.caFile, "--token-env", "FERRY_GIT_TOKEN", "--username", "dev"];
    const closed = await freePort();

    const unreachable = await addAndSync(h, "gone", [
      `https://127.0.0.1:${closed}/team.git`,
      "--path",
      "forwards.json",
      ...trust,
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain(`127.0.0.1:${closed}`);

    const branch = await addAndSync(h, "branch", [
      git.httpsUrl("bad"),
      "--path",
      "forwards.json",
      "--ref",
      "no-such-branch",
      ...trust,
    ]);
    expect(branch.code).toBe(1);
    expect(branch.stderr).toContain("no-such-branch");

    const path = await addAndSync(h, "path", [
      git.httpsUrl("bad"),
      "--path",
      "teams/missing.json",
      ...trust,
    ]);
    expect(path.code).toBe(1);
    expect(path.stderr).toContain("teams/missing.json");

    const ssh = await addAndSync(h, "ssh", [
      "ssh://git@example.com/team/forwards.git",
      "--path",
      "forwards.json",
    ]);
    expect(ssh.code).toBe(1);
    expect(ssh.stderr).toMatch(/HTTPS/);
    expect(ssh.stderr).toMatch(/SSH/i);

    const loose = join(h.home, "loose-token");
    writeFileSync(loose, `${TOKEN}\n`);
    chmodSync(loose, 0o644);
    const open = await addAndSync(h, "loose", [
      git.httpsUrl("bad"),
      "--path",
      "forwards.json",
      "--ca-file",
      git.caFile,
      "--token-file",
      loose,
      "--username",
      "dev",
    ]);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain(`chmod 600 ${loose}`);

    expect(await configsOf(h)).toBe("[]\n");
    expect(h.output()).not.toContain(TOKEN);
  });
});
