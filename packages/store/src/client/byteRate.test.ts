import { describe, expect, it } from "vitest";
import { byteRate } from "./byteRate.ts";

describe("a byte rate between two readings", () => {
  it("is the growth per second, rounded", () => {
    expect(byteRate(1000, 4000, 2000)).toBe(1500);
    expect(byteRate(0, 10, 3000)).toBe(3);
  });

  it("counts from zero when the counter went down (a restart)", () => {
    expect(byteRate(5000, 800, 1000)).toBe(800);
  });

  it("takes readings at the same moment as a millisecond apart", () => {
    expect(byteRate(0, 1, 0)).toBe(1000);
  });
});
