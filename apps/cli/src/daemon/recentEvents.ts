import type { ForwardUpdate } from "@ferry/store/client/core";

export interface ForwardEvent {
  at: string;
  level: string;
  message: string;
}

/**
 * A forward's recent events, oldest first, from ferryd's `forwards.history` (its last state
 * changes and log lines): `state running on webapp/frontend-x`, `state error: <message>`, or the
 * log line itself.
 */
export function recentEvents(updates: ForwardUpdate[], limit = 10): ForwardEvent[] {
  return updates.slice(-limit).map((u) => {
    const at = new Date(u.at).toISOString();
    if (u.log) return { at, level: u.log.level, message: u.log.message };
    const { state, pod, error } = u.row;
    const detail = error ? `: ${error.message} (${error.code})` : pod ? ` on ${pod}` : "";
    return { at, level: error ? "error" : "info", message: `state ${state}${detail}` };
  });
}
