import { describe, expect, it } from "vitest";
import { relativeTime } from "./relativeTime.ts";

const NOW = 1_000_000_000;
const ago = (s: number) => relativeTime(NOW - s * 1000, NOW);

describe("relativeTime", () => {
  it("says never for no instant", () => {
    expect(relativeTime(null, NOW)).toBe("never");
    expect(relativeTime(undefined, NOW)).toBe("never");
  });

  it("says now within half a second either way", () => {
    expect(relativeTime(NOW, NOW)).toBe("now");
    expect(relativeTime(NOW - 499, NOW)).toBe("now");
    expect(relativeTime(NOW + 499, NOW)).toBe("now");
  });

  it("counts seconds up to a minute", () => {
    expect(ago(1)).toBe("1s ago");
    expect(ago(59)).toBe("59s ago");
  });

  it("counts whole minutes, hours and days, rounding down", () => {
    expect(ago(60)).toBe("1m ago");
    expect(ago(90)).toBe("1m ago");
    expect(ago(3_599)).toBe("59m ago");
    expect(ago(3_600)).toBe("1h ago");
    expect(ago(86_399)).toBe("23h ago");
    expect(ago(86_400)).toBe("1d ago");
    expect(ago(30 * 86_400)).toBe("30d ago");
  });

  it("says in for the future", () => {
    expect(relativeTime(NOW + 5_000, NOW)).toBe("in 5s");
    expect(relativeTime(NOW + 240_000, NOW)).toBe("in 4m");
    expect(relativeTime(NOW + 2 * 86_400_000, NOW)).toBe("in 2d");
  });

  it("reads the clock when no now is given", () => {
    expect(relativeTime(Date.now() - 120_000)).toBe("2m ago");
  });
});
