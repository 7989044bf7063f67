import { describe, expect, it } from "vitest";
import { entry, forwardsJson, freePort, trustedSource, useSyncWorld } from "./syncHarness.ts";

interface ConfigRow {
  alias: string;
  local_port: number;
  source?: string | null;
  localChange?: boolean;
  upstreamDeleted?: boolean;
}
interface StatusRow {
  alias: string;
  state: string;
  localPort: number;
}

const short = (commit: string | undefined) => commit?.slice(0, 7) ?? "?";

// Issue 19 through the CLI against a real git http-backend over HTTPS (basic auth, a CA made in
// the test) and ferryd with kube-sim: what the user sees (lines, --json, exit codes). The merge
// rules themselves are the store's e2e; this checks they reach the command line intact.
describe("ferry sync (git server over HTTPS, kube-sim)", () => {
  const world = useSyncWorld();

  it("adds, changes nothing, restarts on an upstream port change, prunes, keeps a local edit until --force", {
    timeout: 180_000,
  }, async () => {
    const git = world.git();
    const h = world.home();
    const [p1, p2, p3, pAuth] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    git.createRepo("team", {
      "forwards.json": forwardsJson(entry("web", p1), entry("auth", pAuth)),
    });

    const add = await h.run([
      "sync",
      "add",
      "team",
      ...trustedSource(git, "team"),
      "--kubeconfig",
      world.sim(),
    ]);
    expect(add.code, add.stderr).toBe(0);
    // Adding is the first sync: its report follows the line.
    const head1 = git.log("team")[0]?.commit;
    expect(add.stdout).toContain(
      `added sync source team: ${git.httpsUrl("team")} main:forwards.json, every 300s\n` +
        `team: ${short(head1)}: 2 added, 0 updated, 0 unchanged, 0 removed\n`,
    );
    expect(add.stdout).toMatch(/^ {2}added {9}web$/m);
    const configs = JSON.parse((await h.run(["config", "list", "--json"])).stdout) as ConfigRow[];
    expect(configs.map((c) => [c.alias, c.local_port, c.source])).toEqual([
      ["web", p1, "team"],
      ["auth", pAuth, "team"],
    ]);

    const second = await h.run(["sync", "now", "team", "--json"]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([
      expect.objectContaining({
        source: "team",
        commit: head1,
        added: [],
        updated: [],
        unchanged: 2,
        removed: [],
        error: null,
      }),
    ]);

    expect((await h.run(["start", "web"])).code).toBe(0);
    git.commit(
      "team",
      { "forwards.json": forwardsJson(entry("web", p2), entry("auth", pAuth)) },
      "web moves",
    );
    const moved = await h.run(["sync", "now", "team"]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/1 updated/);
    expect(moved.stdout).toMatch(/^ {2}restarted {5}web$/m);
    const web = (JSON.parse((await h.run(["status", "--json"])).stdout) as StatusRow[]).find(
      (r) => r.alias === "web",
    );
    expect(web).toMatchObject({ state: "running", localPort: p2 });
    expect((await fetch(`http://127.0.0.1:${p2}/`)).status).toBe(200);

    git.commit("team", { "forwards.json": forwardsJson(entry("web", p2)) }, "auth goes");
    const pruned = await h.run(["sync", "now", "team"]);
    expect(pruned.stdout).toMatch(/1 removed/);
    expect(pruned.stdout).toMatch(/^ {2}removed {7}auth$/m);
    const left = JSON.parse((await h.run(["config", "list", "--json"])).stdout) as ConfigRow[];
    expect(left.map((c) => c.alias)).toEqual(["web"]);

    expect((await h.run(["config", "edit", "web", "--local-port", String(p3)])).code).toBe(0);
    const kept = await h.run(["sync", "now", "team"]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/1 local changes kept/);
    expect(kept.stdout).toMatch(/^ {2}local change {2}web$/m);
    expect(kept.stdout).toContain("`ferry sync now team --force`");
    const edited = JSON.parse(
      (await h.run(["config", "show", "web", "--json"])).stdout,
    ) as ConfigRow;
    expect(edited.local_port).toBe(p3);

    const forced = await h.run(["sync", "now", "team", "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    const reset = JSON.parse(
      (await h.run(["config", "show", "web", "--json"])).stdout,
    ) as ConfigRow;
    expect(reset.local_port).toBe(p2);

    const status = await h.run(["sync", "status", "team", "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({
      name: "team",
      prune: true,
      tokenEnv: "FERRY_GIT_TOKEN",
      status: { lastCommit: git.log("team")[0]?.commit, lastError: null },
    });
    const list = await h.run(["sync", "list"]);
    expect(list.stdout).toMatch(
      new RegExp(
        `^team\\s+${git.httpsUrl("team").replaceAll(".", "\\.")}\\s+main\\s+forwards\\.json\\s+300s\\s+(?:now|\\d+s ago)\\s+${short(git.log("team")[0]?.commit)}\\s+ok$`,
        "m",
      ),
    );
  });

  it("a malformed upstream file changes nothing and names the file and commit; the next good commit applies", {
    timeout: 120_000,
  }, async () => {
    const git = world.git();
    const h = world.home();
    const [p1, p2] = [await freePort(), await freePort()];
    git.createRepo("broken", { "team/web.json": forwardsJson(entry("web", p1)) });
    await h.run(["sync", "add", "broken", ...trustedSource(git, "broken", "team/")]);
    expect((await h.run(["sync", "now", "broken"])).code).toBe(0);
    const before = (await h.run(["config", "list", "--json"])).stdout;

    const bad = git.commit(
      "broken",
      { "team/web.json": '[{"alias": "web", "local_port": ' },
      "oops",
    );
    const refused = await h.run(["sync", "now", "broken"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("sync of broken failed; nothing was changed");
    expect(refused.stderr).toContain("team/web.json");
    expect(refused.stderr).toContain(bad.slice(0, 7));
    expect((await h.run(["config", "list", "--json"])).stdout).toBe(before);
    const st = JSON.parse((await h.run(["sync", "status", "broken", "--json"])).stdout);
    expect(st.status.lastError.message).toContain("team/web.json");
    expect(st.status.lastCommit).not.toBe(bad);

    git.commit("broken", { "team/web.json": forwardsJson(entry("web", p2)) }, "fixed");
    const good = await h.run(["sync", "now", "broken"]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/1 updated/);
    expect(
      (JSON.parse((await h.run(["config", "show", "web", "--json"])).stdout) as ConfigRow)
        .local_port,
    ).toBe(p2);
  });

  it("without prune an upstream delete is only flagged (file://)", {
    timeout: 60_000,
  }, async () => {
    const git = world.git();
    const h = world.home();
    const [p1, p2] = [await freePort(), await freePort()];
    git.createRepo("solo", { "forwards.json": forwardsJson(entry("one", p1), entry("two", p2)) });
    const add = await h.run([
      "sync",
      "add",
      "solo",
      git.fileUrl("solo"),
      "--path",
      "forwards.json",
      "--no-prune",
      "--interval",
      "0",
    ]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain(`${git.fileUrl("solo")} main:forwards.json, on demand only\n`);
    const solo = JSON.parse((await h.run(["sync", "status", "solo", "--json"])).stdout);
    expect(solo).toMatchObject({ intervalSeconds: 0, prune: false, status: { nextSyncAt: null } });
    expect((await h.run(["sync", "now", "solo"])).code).toBe(0);
    git.commit("solo", { "forwards.json": forwardsJson(entry("one", p1)) }, "two goes");
    const flagged = await h.run(["sync", "now", "solo"]);
    expect(flagged.code).toBe(0);
    expect(flagged.stdout).toContain("0 removed, 1 deleted upstream (kept, prune is off)");
    expect(flagged.stdout).toMatch(/^ {2}deleted {7}two$/m);
    const rows = JSON.parse((await h.run(["config", "list", "--json"])).stdout) as ConfigRow[];
    expect(rows.find((r) => r.alias === "two")).toMatchObject({
      upstreamDeleted: true,
      source: "solo",
    });

    const rm = await h.run(["sync", "rm", "solo", "--json"]);
    expect(rm.code).toBe(0);
    expect(JSON.parse(rm.stdout)).toEqual({ removed: 2 });
    expect(JSON.parse((await h.run(["sync", "list", "--json"])).stdout)).toEqual([]);
  });

  it("push: a local change is committed and pushed; a push behind the remote is refused", {
    timeout: 120_000,
  }, async () => {
    const git = world.git();
    const h = world.home();
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    git.createRepo("shared", { "forwards.json": forwardsJson(entry("web", p1)) });
    await h.run(["sync", "add", "shared", ...trustedSource(git, "shared")]);
    expect((await h.run(["sync", "now", "shared"])).code).toBe(0);
    expect((await h.run(["config", "edit", "web", "--local-port", String(p2)])).code).toBe(0);

    const push = await h.run(["sync", "push", "shared", "-m", `web on ${p2}`]);
    expect(push.code, push.stderr).toBe(0);
    const head = git.log("shared")[0];
    expect(head?.subject).toBe(`web on ${p2}`);
    expect(push.stdout).toBe(`pushed ${short(head?.commit)} to shared\n`);
    expect(git.show("shared", "forwards.json")).toContain(`"local_port": ${p2}`);

    git.commit("shared", { "README.md": "someone else\n" }, "upstream moves on");
    expect((await h.run(["config", "edit", "web", "--local-port", String(p3)])).code).toBe(0);
    const behind = await h.run(["sync", "push", "shared", "--json"]);
    expect(behind.code).toBe(1);
    expect(behind.stderr).toMatch(/sync first/i);
    expect(git.log("shared")[0]?.subject).toBe("upstream moves on");

    const rm = await h.run(["sync", "rm", "shared", "--keep-configs"]);
    expect(rm.code, rm.stderr).toBe(0);
    expect(rm.stdout).toBe("removed sync source shared; its configs are kept as your own\n");
    const own = JSON.parse((await h.run(["config", "show", "web", "--json"])).stdout) as ConfigRow;
    expect(own).toMatchObject({ local_port: p3, source: null });
  });

  it("the daemon's interval sync picks up an upstream commit", { timeout: 120_000 }, async () => {
    const git = world.git();
    const h = world.home();
    git.createRepo("tick", { "forwards.json": forwardsJson(entry("a", await freePort())) });
    const add = await h.run([
      "sync",
      "add",
      "tick",
      git.fileUrl("tick"),
      "--path",
      "forwards.json",
      "--interval",
      "2s",
    ]);
    expect(add.code, add.stderr).toBe(0);
    const next = git.commit(
      "tick",
      { "forwards.json": forwardsJson(entry("a", await freePort()), entry("b", await freePort())) },
      "b arrives",
    );
    const deadline = Date.now() + 60_000;
    let seen: { status: { lastCommit: string | null } } | undefined;
    while (Date.now() < deadline) {
      seen = JSON.parse((await h.run(["sync", "status", "tick", "--json"])).stdout);
      if (seen?.status.lastCommit === next) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen?.status.lastCommit).toBe(next);
    const rows = JSON.parse((await h.run(["config", "list", "--json"])).stdout) as ConfigRow[];
    expect(rows.map((r) => r.alias).sort()).toEqual(["a", "b"]);
  });
});
