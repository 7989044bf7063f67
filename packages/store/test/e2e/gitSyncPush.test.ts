import { describe, expect, it } from "vitest";
import { ferryErrorOf } from "../../src/client/index.ts";
import { useDaemons } from "./daemonHarness.ts";
import { entry, json, useGitServer } from "./syncHarness.ts";

const daemons = useDaemons();
const git = useGitServer(daemons);

describe("git sync push (real git http-backend over HTTPS)", () => {
  it("a local change is committed and pushed (git log shows it); a push behind the remote is refused, never forced", async () => {
    const server = git.server();
    server.createRepo("push", { "forwards.json": json([entry("web", 18080)]) });
    const { ferry } = await git.daemon();
    await ferry.sync.add.mutate({
      name: "team",
      url: server.httpsUrl("push"),
      path: "forwards.json",
      caFile: server.caFile,
      username: "ci",
      tokenEnv: "FERRY_TEST_GIT_TOKEN",
      context: "mine", // an override of the user's: not pushed into the team's file
    });
    await ferry.configs.update.mutate({ id: "web", patch: { local_port: 18181 } });
    await ferry.configs.create.mutate(entry("own", 17000) as never);

    const pushed = await ferry.sync.push.mutate({ name: "team", message: "web on 18181" });
    expect(pushed.pushed).toBe(true);
    const [head] = server.log("push");
    expect(head).toMatchObject({ commit: pushed.commit, subject: "web on 18181" });
    const file = JSON.parse(server.show("push", "forwards.json")) as Record<string, unknown>[];
    expect(file).toEqual([expect.objectContaining({ alias: "web", local_port: 18181 })]);
    expect(file[0]?.context).toBeUndefined();
    // Pushed: no longer a local change; the source is at the pushed commit; a sync changes nothing.
    expect(await ferry.configs.get.query("web")).toMatchObject({
      localChange: false,
      context: "mine",
    });
    const [again] = await ferry.sync.now.mutate({ name: "team" });
    expect(again).toMatchObject({ commit: pushed.commit, updated: [], unchanged: 1 });

    // --all takes the user's own config along, which then belongs to the source.
    const all = await ferry.sync.push.mutate({ name: "team", all: true });
    expect(all.pushed).toBe(true);
    const both = JSON.parse(server.show("push", "forwards.json")) as { alias: string }[];
    expect(both.map((e) => e.alias)).toEqual(["web", "own"]);
    expect((await ferry.configs.get.query("own")).source).toBe("team");

    // Someone else pushes; a local change pushed now would overwrite that: refused.
    const theirs = server.commit("push", { "README.md": "team forwards\n" }, "their commit");
    await ferry.configs.update.mutate({ id: "web", patch: { local_port: 18282 } });
    const behind = await ferry.sync.push.mutate({ name: "team" }).catch(ferryErrorOf);
    expect(behind).toMatchObject({ code: "GIT_PUSH_REJECTED" });
    expect((behind as Error).message).toMatch(/sync first/i);
    expect(server.log("push")[0]?.commit).toBe(theirs);
  });
});
