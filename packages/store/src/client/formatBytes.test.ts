import { describe, expect, it } from "vitest";
import { formatBytes, formatRate } from "./formatBytes.ts";

describe("formatBytes", () => {
  it("keeps bytes whole, one decimal below 10 of a unit, whole numbers above", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(12 * 1024 * 1024 + 300_000)).toBe("12 MiB");
    expect(formatBytes(5 * 1024 ** 3)).toBe("5.0 GiB");
  });

  it("never shows 1024 of a unit", () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe("1.0 MiB");
  });

  it("formats a rate", () => {
    expect(formatRate(2048)).toBe("2.0 KiB/s");
  });
});
