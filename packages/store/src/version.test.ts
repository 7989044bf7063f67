import { describe, expect, it } from "vitest";
import { compareVersions, FERRY_VERSION, ferryVersion } from "./version.ts";

describe("versions", () => {
  it("compares dotted versions numerically", () => {
    expect(compareVersions("0.1.0", "0.2.0")).toBe(-1);
    expect(compareVersions("0.10.0", "0.9.9")).toBe(1);
    expect(compareVersions("1.0", "1.0.0")).toBe(0);
  });

  it("FERRY_VERSION_OVERRIDE stands in for another version", () => {
    expect(ferryVersion({})).toBe(FERRY_VERSION);
    expect(ferryVersion({ FERRY_VERSION_OVERRIDE: "9.9.9" })).toBe("9.9.9");
  });
});
