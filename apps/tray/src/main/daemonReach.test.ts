import type { LiveState } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import { ATTEMPTS_BEFORE_UNREACHABLE, daemonReach, followLink, NEW_LINK } from "./daemonReach.ts";

/** The reach after each state the stream reports, from a new tray. */
const reaches = (states: LiveState[]) => {
  let link = NEW_LINK;
  return states.map((s) => {
    link = followLink(link, s);
    return daemonReach(link);
  });
};
const failing = (attempts: number): LiveState[] => Array(attempts).fill("offline");

describe("daemonReach", () => {
  it("is reachable while the first rows are awaited and while they flow", () => {
    expect(reaches(["connecting", "live"])).toEqual(["reachable", "reachable"]);
  });

  it("is reconnecting after a loss, and reachable again once rows flow", () => {
    // The drop itself, then attempts that find no daemon yet, then the new one.
    const states: LiveState[] = [
      "live",
      "offline",
      ...failing(ATTEMPTS_BEFORE_UNREACHABLE - 1),
      "live",
    ];
    expect(reaches(states)).toEqual([
      "reachable",
      ...Array(ATTEMPTS_BEFORE_UNREACHABLE).fill("reconnecting"),
      "reachable",
    ]);
  });

  it("is unreachable once the attempts after a loss keep failing", () => {
    const states: LiveState[] = ["live", "offline", ...failing(ATTEMPTS_BEFORE_UNREACHABLE)];
    expect(reaches(states).slice(-2)).toEqual(["reconnecting", "unreachable"]);
  });

  it("is unreachable at once when the daemon was never reached", () => {
    expect(reaches(["connecting", "offline"])).toEqual(["reachable", "unreachable"]);
  });

  it("starts counting again after each recovery", () => {
    const lost: LiveState[] = ["offline", ...failing(ATTEMPTS_BEFORE_UNREACHABLE - 1)];
    expect(reaches(["live", ...lost, "live", ...lost]).at(-1)).toBe("reconnecting");
  });
});
