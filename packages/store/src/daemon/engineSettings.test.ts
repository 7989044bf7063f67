import { describe, expect, it } from "vitest";
import { engineTuning } from "./engineSettings.ts";

describe("engineTuning", () => {
  it("maps the engine.* settings onto core's options and skips bad values with a warning", () => {
    const settings: Record<string, unknown> = {
      "engine.ping_ms": 2000,
      "engine.ping_timeout_ms": 0,
      "engine.max_reconnects_per_cluster": 2,
      "engine.watch_timeout_seconds": "60",
      "engine.wake_check_ms": 0,
    };
    const warnings: string[] = [];
    expect(
      engineTuning(
        (k) => settings[k],
        (w) => warnings.push(w),
      ),
    ).toEqual({
      pingMs: 2000,
      maxReconnectsPerCluster: 2,
      wakeCheckMs: 0,
    });
    expect(warnings).toEqual([
      "setting engine.ping_timeout_ms = 0 ignored: expected a number >= 1",
      'setting engine.watch_timeout_seconds = "60" ignored: expected a number >= 1',
    ]);
  });
});
