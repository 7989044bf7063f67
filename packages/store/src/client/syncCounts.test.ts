import { describe, expect, it } from "vitest";
import { emptyReport, type SyncReport } from "../sync/syncTypes.ts";
import { syncCounts } from "./syncCounts.ts";

const report = (over: Partial<SyncReport>): SyncReport => ({
  ...emptyReport("team", "a1b2c3d4e5"),
  ...over,
});

describe("syncCounts", () => {
  it("gives the four counts, and nothing about what did not happen", () => {
    expect(syncCounts(report({ added: ["a", "b"], unchanged: 3 }))).toEqual([
      "2 added",
      "0 updated",
      "3 unchanged",
      "0 removed",
    ]);
  });

  it("adds what needs the user's eye: kept deletions, local changes, conflicts", () => {
    expect(
      syncCounts(report({ flagged: ["old"], localChanges: ["web", "db"], conflicts: ["x"] })),
    ).toEqual([
      "0 added",
      "0 updated",
      "0 unchanged",
      "0 removed",
      "1 deleted upstream (kept, prune is off)",
      "2 local changes kept",
      "1 conflicts left alone",
    ]);
  });
});
