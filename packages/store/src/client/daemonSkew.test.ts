import { describe, expect, it } from "vitest";
import { daemonSkewLines } from "./daemonSkew.ts";

const report = {
  from: "0.0.9",
  to: "0.1.0",
  forwards: ["one", "two"],
  restored: ["one"],
  failed: ["two"],
  gapMs: 1234,
};

describe("daemonSkewLines", () => {
  it("reports a hand-over with what came back, the gap and what did not", () => {
    expect(daemonSkewLines({ handOver: report })).toEqual([
      "ferryd 0.0.9 handed over to ferryd 0.1.0 (this ferry's version)",
      "1 of 2 forwards running again after a gap of 1.2 s: one",
      "not restored: two; `ferry status` shows why, `ferry start <alias>` retries",
    ]);
  });

  it("says when no forwards were running, and leaves out the failure line when none failed", () => {
    expect(
      daemonSkewLines({ handOver: { ...report, forwards: [], restored: [], failed: [] } }),
    ).toEqual([
      "ferryd 0.0.9 handed over to ferryd 0.1.0 (this ferry's version)",
      "no forwards were running",
    ]);
    expect(
      daemonSkewLines({ handOver: { ...report, restored: ["one", "two"], failed: [] } }),
    ).toEqual([
      "ferryd 0.0.9 handed over to ferryd 0.1.0 (this ferry's version)",
      "2 of 2 forwards running again after a gap of 1.2 s: one, two",
    ]);
  });

  it("says when a newer daemon is used as it is, and nothing otherwise", () => {
    expect(daemonSkewLines({ newerDaemon: { daemon: "0.2.0", client: "0.1.0" } })).toEqual([
      "ferryd 0.2.0 is newer than this ferry (0.1.0); using it as it is. Upgrade ferry to match.",
    ]);
    expect(daemonSkewLines({})).toEqual([]);
  });

  it("has no prefix and no newline in any line", () => {
    const lines = daemonSkewLines({ handOver: report });
    expect(lines.some((l) => l.startsWith("ferry:") || l.includes("\n"))).toBe(false);
  });
});

describe("daemonSkewLines for the TUI and the tray", () => {
  it("the TUI names itself and points at its details pane and its start key", () => {
    expect(daemonSkewLines({ handOver: report }, "tui")).toEqual([
      "ferryd 0.0.9 handed over to ferryd 0.1.0 (this TUI's version)",
      "1 of 2 forwards running again after a gap of 1.2 s: one",
      "not restored: two; select its row: the details pane shows why, f starts it again",
    ]);
    expect(daemonSkewLines({ newerDaemon: { daemon: "0.2.0", client: "0.1.0" } }, "tui")).toEqual([
      "ferryd 0.2.0 is newer than this TUI (0.1.0); using it as it is. Upgrade Ferry to match.",
    ]);
  });

  it("the tray names itself and points at the forward's row, in neutral words", () => {
    expect(daemonSkewLines({ handOver: report }, "tray")).toEqual([
      "ferryd 0.0.9 handed over to ferryd 0.1.0 (this app's version)",
      "1 of 2 forwards running again after a gap of 1.2 s: one",
      "not restored: two; its row in the list shows why; start it there to retry",
    ]);
    expect(daemonSkewLines({ newerDaemon: { daemon: "0.2.0", client: "0.1.0" } }, "tray")).toEqual([
      "ferryd 0.2.0 is newer than this app (0.1.0); using it as it is. Upgrade Ferry to match.",
    ]);
  });

  it("no surface but the CLI's mentions a ferry command", () => {
    for (const surface of ["tui", "tray"] as const) {
      const lines = [
        ...daemonSkewLines({ handOver: report }, surface),
        ...daemonSkewLines({ newerDaemon: { daemon: "0.2.0", client: "0.1.0" } }, surface),
      ];
      expect(lines.join("\n")).not.toMatch(/`ferry|this ferry/);
    }
    expect(daemonSkewLines({ handOver: report }, "cli")).toEqual(
      daemonSkewLines({ handOver: report }),
    );
  });
});
