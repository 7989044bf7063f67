import { SETTING_KEYS } from "../client/settingKeys.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import type { DaemonLog } from "./daemonLog.ts";
import type { DaemonRuntime } from "./runtime.ts";

/** Global "stop after N minutes without connections" (0 or absent: never). */
export const IDLE_GLOBAL_KEY = SETTING_KEYS.idleTimeoutMinutes;
/** Per forward, by alias: `{ "web": 30 }`; overrides the global value (0 turns it off). */
export const IDLE_BY_ALIAS_KEY = SETTING_KEYS.idleTimeoutByAlias;

function minutes(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * Stops running forwards that had no open connection and moved no byte for their idle timeout.
 * Settings are read on every check, so a change applies without a restart. The stop is a log
 * event on the forward (`forwards.events`, `forwards.history`) saying why, and it marks the
 * forward desired stopped, as a user's stop would.
 */
export function watchIdle(
  store: ConfigStore,
  runtime: DaemonRuntime,
  log: DaemonLog,
  checkMs = 1000,
): () => void {
  const lastActive = new Map<number, { at: number; bytes: number }>();
  const check = async () => {
    const global = minutes(store.settings.get(IDLE_GLOBAL_KEY));
    const byAlias = store.settings.get(IDLE_BY_ALIAS_KEY);
    const now = Date.now();
    const seen = new Set<number>();
    for (const row of runtime.status()) {
      if (row.state !== "running" && row.state !== "reconnecting") continue;
      seen.add(row.id);
      const bytes = row.bytesIn + row.bytesOut;
      const before = lastActive.get(row.id);
      if (!before || row.connections > 0 || bytes !== before.bytes) {
        lastActive.set(row.id, { at: now, bytes });
        continue;
      }
      const own =
        byAlias !== null && typeof byAlias === "object" && !Array.isArray(byAlias)
          ? minutes((byAlias as Record<string, unknown>)[row.alias])
          : null;
      const limit = own ?? global;
      if (!limit || now - before.at < limit * 60_000) continue;
      const why = `stopped: no connections for ${limit} min (idle timeout)`;
      log.info(`${row.alias} (#${row.id}): ${why}`);
      runtime.note(row.id, "info", why);
      lastActive.delete(row.id);
      await runtime.stop({ ids: [row.id] });
    }
    for (const id of lastActive.keys()) if (!seen.has(id)) lastActive.delete(id);
  };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    check()
      .catch((err: Error) => log.warn(`idle check: ${err.message}`))
      .finally(() => {
        running = false;
      });
  }, checkMs);
  timer.unref();
  return () => clearInterval(timer);
}
