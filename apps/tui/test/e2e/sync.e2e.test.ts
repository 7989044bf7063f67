import { join } from "node:path";
import { clientOfRunningDaemon } from "@ferry/store/node";
import { afterEach, describe, expect, it } from "vitest";
import { daemonHome } from "./daemonHome.ts";
import { gitRepo } from "./gitRepo.ts";
import { TmuxTui } from "./tmuxTui.ts";

// Issue 19 in the TUI: the header's sync line and Y (sync now), against a real ferryd syncing a
// real git repository through file://.

const open: { close: () => unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

const forward = (alias: string, port: number) => ({
  alias,
  namespace: "default",
  workload_type: "service",
  service: "web",
  remote_port: 80,
  local_port: port,
});

describe("the TUI's git sync line", () => {
  it("shows the last sync and its commit, and Y syncs an upstream commit now", async () => {
    const home = daemonHome();
    open.push({ close: home.cleanup });
    const repo = gitRepo(join(home.home, "team-repo"));
    const first = repo.commit("forwards.json", [forward("team-web", 18101)]);
    const tui = new TmuxTui({ home: home.home, columns: 140, rows: 30 });
    open.push(tui);
    await tui.waitFor("No configs yet");
    const { client } = clientOfRunningDaemon(home.home);
    // A long interval: only adding and Y sync during the test.
    await client.sync.add.mutate({
      name: "team",
      url: repo.url,
      path: "forwards.json",
      intervalSeconds: 3600,
    });
    // Adding syncs once; the header follows sync.events with no key pressed.
    // "now" when the header is drawn within half a second of the sync.
    const header = await tui.waitFor(
      new RegExp(`sync team: ${first.slice(0, 7)}, (now|\\d+s ago)`),
    );
    await tui.waitFor("team-web");
    tui.save("sync-header");
    expect(header).toContain("(Y syncs now)");
    await tui.press("Y");
    await tui.waitFor(
      `Synced team at ${first.slice(0, 7)}: 0 added, 0 updated, 1 unchanged, 0 removed`,
    );

    const second = repo.commit("forwards.json", [
      forward("team-web", 18101),
      forward("team-api", 18102),
    ]);
    await tui.press("Y");
    await tui.waitFor(
      `Synced team at ${second.slice(0, 7)}: 1 added, 0 updated, 1 unchanged, 0 removed`,
    );
    await tui.waitFor(`sync team: ${second.slice(0, 7)}`);
    await tui.waitFor("team-api");
    expect(await home.ferry(["config", "list"])).toContain("team-api");

    // A broken upstream file: the header says so, the configs stay.
    repo.commit("forwards.json", "[{ not json");
    await tui.press("Y");
    await tui.waitFor("Sync team failed:");
    await tui.waitFor(/sync team: .*error: /);
    tui.save("sync-header-error");
    expect(await home.ferry(["config", "list"])).toContain("team-api");
  });
});
