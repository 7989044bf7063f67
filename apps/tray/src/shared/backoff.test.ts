import { describe, expect, it } from "vitest";
import { backoffDelay, spacedAttempts } from "./backoff.ts";

describe("backoffDelay", () => {
  it("doubles from 0.5 s and stays at 5 s", () => {
    expect([0, 1, 2, 3, 4, 5, 30].map((n) => backoffDelay(n))).toEqual([
      500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000,
    ]);
  });
});

describe("spacedAttempts", () => {
  it("goes at once after a success, then waits longer before each attempt that follows", async () => {
    const slept: number[] = [];
    let calls = 0;
    const attempts = spacedAttempts(async () => ++calls, {
      sleep: async (ms) => void slept.push(ms),
    });
    expect(await attempts.next()).toBe(1);
    expect(slept).toEqual([]);
    for (let i = 0; i < 6; i++) await attempts.next();
    expect(slept).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    attempts.succeeded();
    await attempts.next();
    await attempts.next();
    expect(slept.slice(6)).toEqual([500]);
  });

  it("counts a failed attempt like any other", async () => {
    const slept: number[] = [];
    const attempts = spacedAttempts(
      async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:1");
      },
      { sleep: async (ms) => void slept.push(ms) },
    );
    await expect(attempts.next()).rejects.toThrow("ECONNREFUSED");
    await expect(attempts.next()).rejects.toThrow("ECONNREFUSED");
    await expect(attempts.next()).rejects.toThrow("ECONNREFUSED");
    expect(slept).toEqual([500, 1_000]);
  });
});
