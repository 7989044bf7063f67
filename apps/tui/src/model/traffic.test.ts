import { describe, expect, it } from "vitest";
import { addReading, emptyHistory, HISTORY_LENGTH, sparkline } from "./traffic.ts";

const reading = (bytes: number) => ({
  id: 1,
  state: "running" as const,
  bytesIn: bytes,
  bytesOut: 0,
});

describe("traffic history", () => {
  it("turns cumulative counters into per-second rates", () => {
    let h = addReading(emptyHistory(), reading(0), 0);
    h = addReading(h, reading(2048), 1000);
    h = addReading(h, reading(3072), 3000);
    expect(h.rates).toEqual([2048, 512]);
  });

  it("counts from zero when a restart resets the counters, and keeps one minute", () => {
    let h = addReading(emptyHistory(), reading(5000), 0);
    h = addReading(h, reading(100), 1000);
    expect(h.rates).toEqual([100]);
    for (let i = 2; i < 100; i++) h = addReading(h, reading(100 * i), i * 1000);
    expect(h.rates).toHaveLength(HISTORY_LENGTH);
  });
});

describe("sparkline", () => {
  it("scales to the largest rate and pads on the left to the width", () => {
    expect(sparkline([0, 50, 100], 5)).toBe("▁▁▁▄█");
    expect(sparkline([], 3)).toBe("▁▁▁");
    expect(sparkline([1, 2, 3, 4], 2)).toBe("▆█");
  });
});
