import { describe, expect, it } from "vitest";
import { nextDelayMs } from "./syncBackoff.ts";

describe("nextDelayMs", () => {
  it("waits the interval while syncs succeed, doubles it per failure in a row, up to an hour", () => {
    expect(nextDelayMs(300, 0)).toBe(300_000);
    expect(nextDelayMs(300, 1)).toBe(600_000);
    expect(nextDelayMs(300, 2)).toBe(1_200_000);
    expect(nextDelayMs(300, 5)).toBe(3_600_000);
    expect(nextDelayMs(300, 500)).toBe(3_600_000);
  });

  it("never waits less than the interval, even when that is over an hour", () => {
    expect(nextDelayMs(7_200, 3)).toBe(7_200_000);
  });
});
