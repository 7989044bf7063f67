import { describe, expect, it } from "vitest";
import { coalesced } from "./coalesced.ts";

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
});
