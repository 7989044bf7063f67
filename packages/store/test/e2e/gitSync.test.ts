import { describe, expect, it } from "vitest";
import { ferryErrorOf } from "../../src/client/index.ts";
import { useDaemons } from "./daemonHarness.ts";
import { entry, json, useGitServer } from "./syncHarness.ts";

const daemons = useDaemons();
const git = useGitServer(daemons);

describe("git sync through ferryd (file:// and a real HTTPS git server)", () => {
  it("add applies the first sync, a second sync changes nothing, list shows the status, remove takes the configs", async () => {
    const server = git.server();
    server.createRepo("basic", {
      "forwards.json": json([entry("web", 18080), entry("db", 15432)]),
    });
    const { ferry } = await git.daemon();
    const added = await ferry.sync.add.mutate({
      name: "team",
      url: server.fileUrl("basic"),
      path: "forwards.json",
    });
    const head = server.log("basic")[0]?.commit;
    expect(added.status.lastCommit).toBe(head);
    expect(added.status.lastReport?.added).toEqual(["web", "db"]);
    const [again] = await ferry.sync.now.mutate({ name: "team" });
    expect(again).toMatchObject({ added: [], updated: [], unchanged: 2, removed: [], error: null });
    const configs = await ferry.configs.list.query();
    expect(configs.map((c) => [c.alias, c.source, c.localChange])).toEqual([
      ["web", "team", false],
      ["db", "team", false],
    ]);
    const [listed] = await ferry.sync.list.query();
    expect(listed).toMatchObject({ name: "team", prune: true, intervalSeconds: 300 });
    expect(listed?.status.nextSyncAt).toBeGreaterThan(Date.now());
    expect(await ferry.sync.remove.mutate({ name: "team" })).toEqual({ removed: 2 });
    expect(await ferry.configs.list.query()).toEqual([]);
    const gone = await ferry.sync.now.mutate({ name: "team" }).catch(ferryErrorOf);
    expect(gone).toMatchObject({ code: "NOT_FOUND" });
  });

  it("follows upstream edits and deletes (prune), flags deletes without prune, keeps a local edit until forced", async () => {
    const server = git.server();
    server.createRepo("edits", {
      "forwards.json": json([entry("web", 18080), entry("db", 15432)]),
    });
    const { ferry } = await git.daemon();
    const url = server.fileUrl("edits");
    await ferry.sync.add.mutate({ name: "team", url, path: "forwards.json" });
    await ferry.sync.add.mutate({
      name: "keep",
      url,
      path: "forwards.json",
      prune: false,
      context: "other",
    });
    const port = async (alias: string) => (await ferry.configs.get.query(alias)).local_port;

    server.commit(
      "edits",
      { "forwards.json": json([entry("web", 18181)]) },
      "web on 18181, db gone",
    );
    const [keep, team] = await ferry.sync.now.mutate();
    expect(keep).toMatchObject({ source: "keep", updated: ["web-2"], flagged: ["db-2"] });
    expect(team).toMatchObject({ source: "team", updated: ["web"], removed: ["db"] });
    expect(await port("web")).toBe(18181);
    await expect(ferry.configs.get.query("db")).rejects.toThrow(/no config named "db"/);
    const flagged = (await ferry.configs.list.query()).find((c) => c.alias === "db-2");
    expect(flagged).toMatchObject({ source: "keep", upstreamDeleted: true, context: "other" });

    // A local edit survives a sync that changes that config upstream, flagged; force resets it.
    await ferry.configs.update.mutate({ id: "web", patch: { local_port: 19999 } });
    expect((await ferry.configs.get.query("web")).localChange).toBe(true);
    server.commit("edits", { "forwards.json": json([entry("web", 18282)]) }, "web on 18282");
    const [kept] = await ferry.sync.now.mutate({ name: "team" });
    expect(kept).toMatchObject({ localChanges: ["web"], updated: [], error: null });
    expect(await port("web")).toBe(19999);
    const [forced] = await ferry.sync.now.mutate({ name: "team", force: true });
    expect(forced).toMatchObject({ updated: ["web"], localChanges: [] });
    expect(await ferry.configs.get.query("web")).toMatchObject({
      local_port: 18282,
      localChange: false,
    });
  });

  it("a malformed upstream file changes nothing, the error names the file and the commit; the next good commit applies", async () => {
    const server = git.server();
    server.createRepo("broken", { "forwards.json": json([entry("web", 18080)]) });
    const { ferry } = await git.daemon();
    const added = await ferry.sync.add.mutate({
      name: "team",
      url: server.fileUrl("broken"),
      path: "forwards.json",
    });
    const good = added.status.lastCommit as string;
    const before = await ferry.configs.export.query();

    const bad = server.commit(
      "broken",
      { "forwards.json": '[{ "alias": "web", "local_port": 1 ' },
      "oops",
    );
    const [report] = await ferry.sync.now.mutate({ name: "team" });
    expect(report?.error?.code).toBe("INVALID_JSON");
    expect(report?.error?.message).toContain(`forwards.json@${bad.slice(0, 12)}`);
    expect(report?.error?.message).toMatch(/line 1, column \d+/);
    expect(report?.error?.message).toContain(`${good.slice(0, 12)} stays in effect`);
    expect(await ferry.configs.export.query()).toBe(before);
    const [listed] = await ferry.sync.list.query();
    expect(listed?.status).toMatchObject({ lastCommit: good, lastError: { code: "INVALID_JSON" } });

    const invalid = server.commit(
      "broken",
      { "forwards.json": json([entry("web", 18080, { remote_port: "eighty" })]) },
      "bad port",
    );
    const [field] = await ferry.sync.now.mutate({ name: "team" });
    expect(field?.error?.code).toBe("INVALID_CONFIG");
    expect(field?.error?.message).toContain(
      `forwards.json@${invalid.slice(0, 12)} [0].remote_port`,
    );
    expect(await ferry.configs.export.query()).toBe(before);

    const fixed = server.commit(
      "broken",
      { "forwards.json": json([entry("web", 18090)]) },
      "fixed",
    );
    const [ok] = await ferry.sync.now.mutate({ name: "team" });
    expect(ok).toMatchObject({ commit: fixed, updated: ["web"], error: null });
    const [after] = await ferry.sync.list.query();
    expect(after?.status).toMatchObject({ lastCommit: fixed, lastError: null });
  });

  it("interval syncs that fail back off (the wait doubles), with the last error visible; the next good one resets it", async () => {
    const server = git.server();
    server.createRepo("flaky", { "forwards.json": json([entry("web", 18080)]) });
    const { ferry } = await git.daemon();
    await ferry.sync.add.mutate({
      name: "team",
      url: server.fileUrl("flaky"),
      path: "forwards.json",
      intervalSeconds: 1,
    });
    const status = async () => (await ferry.sync.list.query())[0]?.status;
    const waitFor = async (ok: (s: NonNullable<Awaited<ReturnType<typeof status>>>) => boolean) => {
      let s = await status();
      for (let i = 0; i < 400 && !(s && !s.syncing && ok(s)); i++) {
        await new Promise((r) => setTimeout(r, 50));
        s = await status();
      }
      return s;
    };
    const good = (await status())?.lastCommit;
    // The file goes: each sync fails with GIT_PATH_NOT_FOUND; the configs stay as they were.
    const moved = server.commit("flaky", { "forwards.json": null, "other.json": "[]" }, "moved");
    const first = await waitFor((s) => s.lastError !== null);
    expect(first?.lastError?.code).toBe("GIT_PATH_NOT_FOUND");
    expect(first?.lastError?.message).toContain(moved.slice(0, 12));
    expect(first?.lastCommit).toBe(good);
    const firstGap = (first?.nextSyncAt ?? 0) - (first?.lastSyncAt ?? 0);
    expect(firstGap).toBeGreaterThanOrEqual(2000);
    const second = await waitFor((s) => s.lastSyncAt !== first?.lastSyncAt);
    expect(second?.lastError?.code).toBe("GIT_PATH_NOT_FOUND");
    expect((second?.nextSyncAt ?? 0) - (second?.lastSyncAt ?? 0)).toBeGreaterThanOrEqual(4000);
    expect((await ferry.configs.list.query()).map((c) => c.alias)).toEqual(["web"]);

    const fixed = server.commit("flaky", { "forwards.json": json([entry("web", 18090)]) }, "back");
    const ok = await waitFor((s) => s.lastCommit === fixed);
    expect(ok?.lastError).toBeNull();
    expect((ok?.nextSyncAt ?? 0) - (ok?.lastSyncAt ?? 0)).toBeLessThan(2000);
  }, 60_000);
});
