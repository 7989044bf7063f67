import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration.ts";

describe("parseDuration", () => {
  it("reads units and bare seconds", () => {
    expect(parseDuration("10m", "--since")).toBe(600_000);
    expect(parseDuration("90", "--since")).toBe(90_000);
    expect(parseDuration("1.5h", "--since")).toBe(5_400_000);
    expect(parseDuration("2d", "--since")).toBe(172_800_000);
  });
  it("refuses anything else, naming the flag", () => {
    expect(() => parseDuration("ten minutes", "--since")).toThrow(
      '--since takes a duration such as 30s, 10m, 2h or 1d, got "ten minutes"',
    );
    expect(() => parseDuration("0", "--interval")).toThrow(/--interval/);
    expect(() => parseDuration("-5m", "--since")).toThrow(/--since/);
  });
});
