import { describe, expect, it } from "vitest";
import { claimSingleInstance, type InstanceApp } from "./singleInstance.ts";

function fakeApp(gotLock: boolean) {
  const calls: string[] = [];
  let second: (() => void) | null = null;
  const app: InstanceApp = {
    requestSingleInstanceLock: () => gotLock,
    quit: () => calls.push("quit"),
    on: (_event, listener) => {
      second = listener;
    },
  };
  return { app, calls, launchAgain: () => second?.() };
}

describe("the single-instance lock", () => {
  it("lets the first tray run and shows its window when another is launched", () => {
    const first = fakeApp(true);
    let shown = 0;
    expect(claimSingleInstance(first.app, () => shown++)).toBe(true);
    expect(first.calls).toEqual([]);
    first.launchAgain();
    expect(shown).toBe(1);
  });

  it("quits the second tray", () => {
    const second = fakeApp(false);
    expect(claimSingleInstance(second.app, () => {})).toBe(false);
    expect(second.calls).toEqual(["quit"]);
  });
});
