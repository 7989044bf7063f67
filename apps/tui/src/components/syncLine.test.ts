import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

describe("the git sync line", () => {
  it("shows each source's last commit or error, follows pushes, and Y syncs now", async () => {
    const d = demoDaemon();
    const status = {
      lastSyncAt: Date.now(),
      lastCommit: "abcdef123456",
      lastError: null,
      lastReport: null,
      nextSyncAt: null,
      syncing: false,
    };
    const team = { name: "team", url: "file:///r", ref: "main", path: "f.json", status } as never;
    d.syncSources = [team];
    const app = renderApp(d, { columns: 120, rows: 30 });
    // Synced a moment ago: "now", or a few seconds ago on a slow machine.
    await app.waitFor(/sync team: abcdef1, (now|\d+s ago) \(Y syncs now\)/);
    d.pushSync({
      ...(team as object),
      status: { ...status, lastError: { code: "SYNC_FETCH", message: "host unreachable" } },
    } as never);
    await app.waitFor(/sync team: abcdef1, (now|\d+s ago); error: host unreachable/);
    d.syncReports = [
      {
        source: "team",
        commit: "1234567890",
        added: ["x"],
        updated: [],
        unchanged: 1,
        removed: [],
        flagged: [],
        localChanges: [],
        conflicts: [],
        restarted: [],
        warnings: [],
        error: null,
      },
    ] as never;
    await app.type("Y");
    await app.waitFor("Synced team at 1234567: 1 added, 0 updated, 1 unchanged, 0 removed");
    expect(d.calls).toContain("syncNow");
  });
});
