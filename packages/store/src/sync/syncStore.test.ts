import { describe, expect, it } from "vitest";
import type { ConfigStore } from "../configs/configStore.ts";
import { useTempStores } from "../configs/testHome.ts";
import { SyncSourceInputSchema } from "./syncTypes.ts";
import { upstreamEntries } from "./upstreamEntries.ts";

const COMMIT_1 = "1111111111111111111111111111111111111111";
const COMMIT_2 = "2222222222222222222222222222222222222222";

const entry = (alias: string, port: number, more: Record<string, unknown> = {}) => ({
  alias,
  namespace: "webapp",
  workload_type: "service",
  service: alias,
  remote_port: 80,
  local_port: port,
  ...more,
});

function addSource(store: ConfigStore, name: string, over: Record<string, unknown> = {}) {
  return store.sync.addSource(
    SyncSourceInputSchema.parse({ name, url: "file:///x.git", path: "forwards.json", ...over }),
  );
}

/** Syncs `entries` as forwards.json at `commit` into the source `name`. */
function sync(store: ConfigStore, name: string, entries: unknown[], commit: string, force = false) {
  const src = store.sync.source(name);
  const files = [{ path: "forwards.json", text: JSON.stringify(entries) }];
  const checked = { ...upstreamEntries(files, commit, src), commit, files: ["forwards.json"] };
  const rows = store.sync.run(src, checked, { force, dryRun: false });
  const by = (action: string) => rows.filter((r) => r.action === action).map((r) => r.alias);
  return {
    added: by("add"),
    updated: by("update"),
    unchanged: by("unchanged"),
    removed: by("remove"),
    flagged: by("flag"),
    kept: by("local-change"),
    conflicts: by("conflict"),
  };
}

describe("the sync store", () => {
  const open = useTempStores();

  it("adds, then changes nothing, then updates what changed upstream and removes what was deleted", () => {
    const store = open();
    addSource(store, "team");
    expect(sync(store, "team", [entry("web", 8080), entry("db", 5432)], COMMIT_1).added).toEqual([
      "web",
      "db",
    ]);
    expect(
      sync(store, "team", [entry("web", 8080), entry("db", 5432)], COMMIT_1).unchanged,
    ).toEqual(["web", "db"]);
    const next = sync(store, "team", [entry("web", 8181)], COMMIT_2);
    expect(next).toMatchObject({ updated: ["web"], removed: ["db"] });
    expect(store.get("web").local_port).toBe(8181);
    expect(store.find("db")).toBeNull();
    expect(store.sync.source("team").lastCommit).toBe(COMMIT_2);
    expect(store.sync.flags().get(store.get("web").id)).toEqual({
      source: "team",
      localChange: false,
      upstreamDeleted: false,
    });
  });

  it("with prune off flags what was deleted upstream, and clears the flag when it comes back", () => {
    const store = open();
    addSource(store, "team", { prune: false });
    sync(store, "team", [entry("web", 8080), entry("db", 5432)], COMMIT_1);
    expect(sync(store, "team", [entry("web", 8080)], COMMIT_2).flagged).toEqual(["db"]);
    const db = store.get("db");
    expect(store.sync.flags().get(db.id)?.upstreamDeleted).toBe(true);
    sync(store, "team", [entry("web", 8080), entry("db", 5432)], COMMIT_1);
    expect(store.sync.flags().get(db.id)?.upstreamDeleted).toBe(false);
  });

  it("keeps a local edit through syncs, flagged; force resets it", () => {
    const store = open();
    addSource(store, "team");
    sync(store, "team", [entry("web", 8080)], COMMIT_1);
    store.update("web", { local_port: 9999 });
    expect(store.sync.flags().get(store.get("web").id)?.localChange).toBe(true);
    expect(sync(store, "team", [entry("web", 8181)], COMMIT_2).kept).toEqual(["web"]);
    expect(store.get("web").local_port).toBe(9999);
    // Deleted upstream while changed locally: kept and flagged, even with prune on.
    expect(sync(store, "team", [], COMMIT_2).flagged).toEqual(["web"]);
    expect(store.get("web").local_port).toBe(9999);
    expect(sync(store, "team", [entry("web", 8181)], COMMIT_2, true).updated).toEqual(["web"]);
    expect(store.get("web").local_port).toBe(8181);
    expect(store.sync.flags().get(store.get("web").id)?.localChange).toBe(false);
  });

  it("never touches the user's own configs or another source's: same forward is a conflict, a taken alias gets -2", () => {
    const store = open();
    const own = store.create(entry("web", 8080) as never);
    const mine = store.create(entry("api", 7000) as never);
    addSource(store, "team");
    addSource(store, "other");
    sync(store, "other", [entry("cache", 6379)], COMMIT_1);
    const first = sync(store, "team", [entry("web", 8080), entry("api", 7001)], COMMIT_1);
    expect(first.conflicts).toEqual(["web"]);
    expect(first.added).toEqual(["api-2"]);
    // Removing everything upstream removes only this source's configs.
    expect(sync(store, "team", [], COMMIT_2).removed).toEqual(["api-2"]);
    expect(store.get(own.id)).toEqual(own);
    expect(store.get(mine.id)).toEqual(mine);
    expect(store.find("cache")).not.toBeNull();
  });

  it("applies the source's context and kubeconfig overrides, remembering the file's values", () => {
    const store = open();
    addSource(store, "team", { context: "dev", kubeconfig: "/k/team" });
    sync(store, "team", [entry("web", 8080, { context: "prod" })], COMMIT_1);
    expect(store.get("web")).toMatchObject({ context: "dev", kubeconfig: "/k/team" });
    const rec = store.sync.records()[0];
    expect(rec?.original).toEqual({ context: "prod", kubeconfig: null });
  });

  it("refuses a bad file naming the file, the commit and the field; a repeated alias too", () => {
    const bad = [
      { path: "dev/a.json", text: JSON.stringify([entry("web", 8080, { remote_port: "eighty" })]) },
    ];
    expect(() => upstreamEntries(bad, COMMIT_1, { context: null, kubeconfig: null })).toThrow(
      /dev\/a\.json@111111111111 \[0\]\.remote_port: expected an integer/,
    );
    const twice = [
      { path: "a.json", text: JSON.stringify([entry("web", 1)]) },
      { path: "b.json", text: JSON.stringify([entry("web", 2)]) },
    ];
    expect(() => upstreamEntries(twice, COMMIT_1, { context: null, kubeconfig: null })).toThrow(
      /b\.json@111111111111 \[0\]: alias "web" is also at a\.json@111111111111 \[0\]/,
    );
  });

  it("removes a source with its configs, or keeps them as the user's own", () => {
    const store = open();
    addSource(store, "team");
    addSource(store, "keep");
    sync(store, "team", [entry("web", 8080)], COMMIT_1);
    sync(store, "keep", [entry("db", 5432)], COMMIT_1);
    expect(store.sync.removeSource("team", false).map((c) => c.alias)).toEqual(["web"]);
    expect(store.find("web")).toBeNull();
    expect(store.sync.removeSource("keep", true)).toEqual([]);
    expect(store.sync.flags().size).toBe(0);
    expect(store.find("db")).not.toBeNull();
    expect(() => store.sync.source("team")).toThrow(/no sync source named "team"/);
  });
});
