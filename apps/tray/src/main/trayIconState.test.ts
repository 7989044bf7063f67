import { describe, expect, it } from "vitest";
import { trayIconState, trayTooltip } from "./trayIconState.ts";

describe("trayIconState", () => {
  it("is ok with nothing running or everything running", () => {
    expect(trayIconState([])).toBe("ok");
    expect(trayIconState([{ state: "running" }, { state: "stopped" }])).toBe("ok");
  });

  it("is reconnecting while a forward reconnects or starts", () => {
    expect(trayIconState([{ state: "running" }, { state: "reconnecting" }])).toBe("reconnecting");
    expect(trayIconState([{ state: "starting" }])).toBe("reconnecting");
  });

  it("lets an error outweigh reconnecting", () => {
    expect(trayIconState([{ state: "reconnecting" }, { state: "error" }])).toBe("error");
  });

  it("follows the daemon link alone while away from it: the forwards' states are stale", () => {
    expect(trayIconState([{ state: "error" }], "reconnecting")).toBe("reconnecting");
    expect(trayIconState([{ state: "running" }], "unreachable")).toBe("error");
  });
});

describe("trayTooltip", () => {
  it("counts running, reconnecting and failing forwards", () => {
    expect(
      trayTooltip([
        { state: "running" },
        { state: "running" },
        { state: "reconnecting" },
        { state: "error" },
      ]),
    ).toBe("Ferry: 2 running, 1 reconnecting, 1 in error");
  });

  it("says what the icon says of the daemon link", () => {
    expect(trayTooltip([{ state: "running" }], "reconnecting")).toBe(
      "Ferry: Reconnecting to the daemon",
    );
    expect(trayTooltip([], "unreachable")).toBe("Ferry: Daemon not reachable");
  });
});
