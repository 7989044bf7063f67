import { describe, expect, it } from "vitest";
import { skewNotice } from "./skewNotice.ts";
import { trayTooltip } from "./trayIconState.ts";

describe("skewNotice", () => {
  it("notifies once of a hand-over: who, what came back, the gap, what did not", () => {
    const n = skewNotice({
      handOver: {
        from: "0.0.9",
        to: "0.1.0",
        forwards: ["web", "api"],
        restored: ["web"],
        failed: ["api (error: port in use)"],
        gapMs: 2_345,
      },
    });
    expect(n.tooltip).toBeNull();
    expect(n.notification?.split("\n")).toEqual([
      "ferryd 0.0.9 handed over to ferryd 0.1.0 (this app's version)",
      "1 of 2 forwards running again after a gap of 2.3 s: web",
      "not restored: api (error: port in use); its row in the list shows why; start it there to retry",
    ]);
  });

  it("keeps a newer daemon in the tooltip, under the counts", () => {
    const n = skewNotice({ newerDaemon: { daemon: "0.2.0", client: "0.1.0" } });
    expect(n.notification).toBeNull();
    expect(trayTooltip([{ state: "running" }], "reachable", n.tooltip)).toBe(
      "Ferry: 1 running\nferryd 0.2.0 is newer than this app (0.1.0); using it as it is. Upgrade Ferry to match.",
    );
  });

  it("says nothing for a daemon of the same version", () => {
    expect(skewNotice(undefined)).toEqual({ notification: null, tooltip: null });
    expect(skewNotice({})).toEqual({ notification: null, tooltip: null });
  });
});
