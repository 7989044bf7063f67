import { describe, expect, it } from "vitest";
import { syncReportText, syncStatusText } from "./syncText.ts";

const source = (status: object) =>
  ({
    name: "team",
    url: "file:///repo",
    ref: "main",
    path: "forwards.json",
    status: {
      lastSyncAt: null,
      lastCommit: null,
      lastError: null,
      lastReport: null,
      nextSyncAt: null,
      syncing: false,
      ...status,
    },
  }) as never;

describe("the header's sync status", () => {
  it("says when and at which commit a source last synced", () => {
    const now = 1_000_000;
    expect(
      syncStatusText(source({ lastSyncAt: now - 90_000, lastCommit: "abcdef1234" }), now),
    ).toBe("team: abcdef1, 1m ago");
    expect(syncStatusText(source({}), now)).toBe("team: never synced");
  });

  it("shows the last error after the last good sync", () => {
    const s = source({
      lastSyncAt: 0,
      lastCommit: "abcdef1234",
      lastError: { code: "SYNC_BAD_FILE", message: "forwards.json at 1234567: not JSON" },
    });
    expect(syncStatusText(s, 5_000)).toBe(
      "team: abcdef1, 5s ago; error: forwards.json at 1234567: not JSON",
    );
  });

  it("sums up a sync-now report, or its error", () => {
    const report = {
      source: "team",
      commit: "0123456789",
      added: ["a"],
      updated: [],
      unchanged: 2,
      removed: ["b"],
      flagged: [],
      localChanges: ["c"],
      conflicts: [],
      restarted: [],
      error: null,
    };
    expect(syncReportText(report as never)).toBe(
      "Synced team at 0123456: 1 added, 0 updated, 2 unchanged, 1 removed, 1 local changes kept",
    );
    expect(
      syncReportText({ ...report, error: { code: "X", message: "host unreachable" } } as never),
    ).toBe("Sync team failed: host unreachable");
  });
});
