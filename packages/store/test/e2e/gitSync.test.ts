import { describe, expect, it } from "vitest";
import { ferryErrorOf } from "../../src/client/index.ts";
import { clientFor, useDaemons, waitForDaemon } from "./daemonHarness.ts";
import { entry, json, useGitServer } from "./syncHarness.ts";

const daemons = useDaemons();
const git = useGitServer();

describe("git sync through ferryd (file:// and a real HTTPS git server)", () => {
  it("add applies the first sync, a second sync changes nothing, list shows the status, remove takes the configs", async () => {
    const server = git.server();
    server.createRepo("basic", {
      "forwards.json": json([entry("web", 18080), entry("db", 15432)]),
    });
    const home = daemons.home();
    daemons.spawn(home, git.gitEnv());
    await waitForDaemon(home);
    const ferry = clientFor(home);
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
});
