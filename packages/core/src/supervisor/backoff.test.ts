import { describe, expect, it } from "vitest";
import { nextBackoff, withJitter } from "./backoff.ts";

describe("backoff", () => {
  it("doubles from the minimum up to the cap", () => {
    const seq: number[] = [];
    let b = 0;
    for (let i = 0; i < 8; i++) {
      b = nextBackoff(b);
      seq.push(b);
    }
    expect(seq).toEqual([250, 500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });
  it("jitters within ±30 %", () => {
    expect(withJitter(1000, () => 0)).toBe(700);
    expect(withJitter(1000, () => 1)).toBe(1300);
    expect(withJitter(1000, () => 0.5)).toBe(1000);
  });
});
