import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SIZE, debouncedSaver, parseBounds, restoreBounds } from "./windowState.ts";

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe("window size and position", () => {
  afterEach(() => vi.useRealTimers());

  it("opens at the default size the first time", () => {
    expect(restoreBounds(null, [laptop])).toEqual(DEFAULT_SIZE);
  });

  it("reopens where it was, on the display it was on", () => {
    const b = { x: 1600, y: 100, width: 1400, height: 1000 };
    expect(restoreBounds(b, [laptop, monitor])).toEqual(b);
  });

  it("keeps the size but lets the system place it when its display is gone", () => {
    const b = { x: 1600, y: 100, width: 1400, height: 800 };
    expect(restoreBounds(b, [laptop])).toEqual({ width: 1400, height: 800 });
  });

  it("shrinks and moves a window that no longer fits its display", () => {
    const b = { x: 1000, y: 600, width: 3000, height: 2000 };
    expect(restoreBounds(b, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });

  it("reads back only well-formed bounds", () => {
    expect(parseBounds({ x: 1, y: 2, width: 800, height: 600 })).toEqual({
      x: 1,
      y: 2,
      width: 800,
      height: 600,
    });
    expect(parseBounds({ x: 1, y: 2, width: "800", height: 600 })).toBeNull();
    expect(parseBounds(null)).toBeNull();
    expect(parseBounds("1,2,800,600")).toBeNull();
  });

  it("saves once after a drag settles, and at once on close", () => {
    vi.useFakeTimers();
    const saved: unknown[] = [];
    const saver = debouncedSaver((b) => saved.push(b), 500);
    for (let x = 0; x < 20; x++) saver.changed({ x, y: 0, width: 800, height: 600 });
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(500);
    expect(saved).toEqual([{ x: 19, y: 0, width: 800, height: 600 }]);
    saver.changed({ x: 5, y: 5, width: 900, height: 700 });
    saver.flush();
    expect(saved).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(saved).toHaveLength(2);
  });
});
