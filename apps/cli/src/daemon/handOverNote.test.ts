import { describe, expect, it } from "vitest";
import { daemonSkewNote } from "./handOverNote.ts";

describe("daemonSkewNote", () => {
  it("reports a hand-over with what came back and the gap", () => {
    expect(
      daemonSkewNote({
        handOver: {
          from: "0.0.9",
          to: "0.1.0",
          forwards: ["one", "two"],
          restored: ["one"],
          failed: ["two"],
          gapMs: 1234,
        },
      }),
    ).toBe(
      "ferry: ferryd 0.0.9 handed over to ferryd 0.1.0 (this ferry's version)\n" +
        "ferry: 1 of 2 forwards running again after a gap of 1.2 s: one\n" +
        "ferry: not restored: two; `ferry status` shows why, `ferry start <alias>` retries\n",
    );
  });
  it("says when a newer daemon is used, and nothing otherwise", () => {
    expect(daemonSkewNote({ newerDaemon: { daemon: "0.2.0", client: "0.1.0" } })).toContain(
      "ferryd 0.2.0 is newer than this ferry (0.1.0)",
    );
    expect(daemonSkewNote({})).toBe("");
  });
});
