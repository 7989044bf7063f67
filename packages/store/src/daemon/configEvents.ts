import type { ConfigChange, ConfigEvents } from "../api/contextTypes.ts";

/** The daemon's fan-out of config changes to `configs.changes` subscribers. */
export function createConfigEvents(): ConfigEvents {
  const listeners = new Set<(change: ConfigChange) => void>();
  return {
    publish(change) {
      const stamped = { ...change, at: Date.now() };
      for (const listener of listeners) listener(stamped);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
