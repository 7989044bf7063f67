import { afterEach, describe, expect, it, vi } from "vitest";
import { coalesced } from "./coalesced.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("coalesced", () => {
  it("runs once per burst, plus once after the burst, and survives a failure", async () => {
    let runs = 0;
    let release = () => {};
    const call = coalesced(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((r) => (release = r));
      if (runs === 2) throw new Error("daemon busy");
    });
    call();
    call();
    call();
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    call();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(3);
  });

  it("folds the calls made during the gap after a run into one run after it", async () => {
    vi.useFakeTimers();
    let runs = 0;
    const call = coalesced(async () => {
      runs += 1;
    }, 250);
    call();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(1);
    for (let i = 0; i < 50; i++) call();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(150);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    call();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(3);
  });
});
