import { describe, expect, it } from "vitest";
import type { SyncSource } from "../../src/client/index.ts";
import {
  demoFrontend,
  freePort,
  listeners,
  settledRow,
  useDaemons,
  useDemoCluster,
} from "./daemonHarness.ts";
import { json, useGitServer } from "./syncHarness.ts";

const daemons = useDaemons();
const git = useGitServer(daemons);

describe("git sync and running forwards (kube-sim)", () => {
  const cluster = useDemoCluster();

  it("the interval sync picks up a commit: a running forward restarts on its new port, a removed one is stopped first", async () => {
    const server = git.server();
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    // The team's file has no kubeconfig: the source's override points at the cluster.
    const config = (alias: string, port: number) => {
      const { kubeconfig: _k, ...entry } = demoFrontend("", alias, port);
      return entry;
    };
    server.createRepo("live", { "forwards.json": json([config("web", p1), config("old", p3)]) });
    const { ferry } = await git.daemon();
    await ferry.sync.add.mutate({
      name: "team",
      url: server.fileUrl("live"),
      path: "forwards.json",
      kubeconfig: cluster().kubeconfigPath,
      intervalSeconds: 1,
    });
    await ferry.forwards.start.mutate({ aliases: ["web", "old"] });
    for (const alias of ["web", "old"])
      expect((await settledRow(ferry, alias))?.state, alias).toBe("running");
    expect((await settledRow(ferry, "web"))?.localPort).toBe(p1);

    const pushes: SyncSource[] = [];
    const events = ferry.sync.events.subscribe(undefined, { onData: (s) => pushes.push(s) });
    // The subscription is live once the first interval sync (every second) has been pushed.
    for (let i = 0; i < 200 && pushes.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const commit = server.commit(
      "live",
      { "forwards.json": json([config("web", p2)]) },
      "web moves, old goes",
    );
    let status = (await ferry.sync.list.query())[0]?.status;
    for (let i = 0; i < 300 && (status?.lastCommit !== commit || status.syncing); i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await ferry.sync.list.query())[0]?.status;
    }
    expect(status?.lastCommit).toBe(commit);
    events.unsubscribe();
    // sync.events pushed the source as each sync began and ended; one ended with this commit.
    expect(pushes.some((s) => s.status.syncing)).toBe(true);
    const applied = pushes.find((s) => s.status.lastReport?.updated.length);
    expect(applied?.status.lastReport).toMatchObject({
      commit,
      updated: ["web"],
      removed: ["old"],
      restarted: ["web"],
    });
    const web = await settledRow(ferry, "web");
    expect(web).toMatchObject({ state: "running", localPort: p2 });
    expect(listeners(p1)).toEqual([]);
    expect(listeners(p3)).toEqual([]);
    expect((await ferry.configs.list.query()).map((c) => c.alias)).toEqual(["web"]);
    const history = await ferry.forwards.history.query("web");
    expect(history.map((u) => u.log?.message ?? "")).toContainEqual(
      expect.stringMatching(/changed upstream \(team@[0-9a-f]{12}\): restarting on the new config/),
    );
  }, 120_000);
});
