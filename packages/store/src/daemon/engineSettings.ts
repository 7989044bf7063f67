import type { EngineOptions } from "@ferry/core";

/**
 * Settings that tune core's liveness and reconnect limits (issue 20), read when ferryd starts:
 * setting key -> engine option, and the smallest value allowed (0 turns a timer off where core
 * says so). Unset keys keep core's defaults (see packages/core/README.md).
 */
export const ENGINE_SETTINGS = {
  "engine.connect_wait_ms": { option: "connectWaitMs", min: 0 },
  "engine.ping_ms": { option: "pingMs", min: 0 },
  "engine.ping_timeout_ms": { option: "pingTimeoutMs", min: 1 },
  "engine.tunnel_idle_ms": { option: "tunnelIdleMs", min: 0 },
  "engine.watch_timeout_seconds": { option: "watchTimeoutSeconds", min: 1 },
  "engine.watch_idle_ms": { option: "watchIdleMs", min: 1 },
  "engine.max_reconnects_per_cluster": { option: "maxReconnectsPerCluster", min: 1 },
  "engine.wake_check_ms": { option: "wakeCheckMs", min: 0 },
  "engine.wake_late_ms": { option: "wakeLateMs", min: 1 },
} as const satisfies Record<string, { option: keyof EngineOptions; min: number }>;

type Tuning = Partial<
  Pick<EngineOptions, (typeof ENGINE_SETTINGS)[keyof typeof ENGINE_SETTINGS]["option"]>
>;

/** The engine options the settings give; a value that is not a number >= min is skipped with a warning. */
export function engineTuning(
  get: (key: string) => unknown,
  warn: (message: string) => void,
): Tuning {
  const tuning: Record<string, number> = {};
  for (const [key, { option, min }] of Object.entries(ENGINE_SETTINGS)) {
    const value = get(key);
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
      warn(`setting ${key} = ${JSON.stringify(value)} ignored: expected a number >= ${min}`);
      continue;
    }
    tuning[option] = value;
  }
  return tuning as Tuning;
}
