import type { Config, ForwardEvent, ForwardStatus } from "../api/daemonApi.ts";
import { addReading, emptyHistory, type TrafficHistory } from "../model/traffic.ts";

/** What the screen shows about the daemon's data, replaced as a whole once per poll. */
export interface LiveState {
  configs: Config[];
  statuses: Map<number, ForwardStatus>;
  history: Map<number, TrafficHistory>;
  events: Map<number, ForwardEvent[]>;
}

export const EVENTS_KEPT = 20;

export function emptyLive(): LiveState {
  return { configs: [], statuses: new Map(), history: new Map(), events: new Map() };
}

function describe(s: ForwardStatus): string {
  if (s.state === "error" && s.error) return `error: ${s.error}`;
  if (s.state === "running" && s.pod) return `running (pod ${s.pod})`;
  return s.state;
}

export function addEvent(events: Map<number, ForwardEvent[]>, e: ForwardEvent) {
  const list = [...(events.get(e.id) ?? []), e].slice(-EVENTS_KEPT);
  events.set(e.id, list);
}

/**
 * Folds one `status` answer in: traffic readings for every forward, and an event for each
 * state, pod or error change (so "recent events" works even without a subscription).
 */
export function applyStatuses(
  prev: LiveState,
  list: readonly ForwardStatus[],
  at: number,
): LiveState {
  const statuses = new Map(list.map((s) => [s.id, s]));
  const history = new Map<number, TrafficHistory>();
  const events = new Map(prev.events);
  for (const s of list) {
    history.set(s.id, addReading(prev.history.get(s.id) ?? emptyHistory(), s, at));
    const old = prev.statuses.get(s.id);
    if (!old || old.state !== s.state || old.pod !== s.pod || old.error !== s.error) {
      if (old || s.state !== "stopped")
        addEvent(events, { id: s.id, at, message: describe(s), status: s });
    }
  }
  return { ...prev, statuses, history, events };
}

/** Whether two answers differ in anything the screen shows; identical polls cause no render. */
export function sameStatuses(a: ReadonlyMap<number, ForwardStatus>, b: readonly ForwardStatus[]) {
  if (a.size !== b.length) return false;
  return b.every((s) => {
    const o = a.get(s.id);
    return (
      o !== undefined &&
      o.state === s.state &&
      o.pod === s.pod &&
      o.error === s.error &&
      o.connections === s.connections &&
      o.bytesIn === s.bytesIn &&
      o.bytesOut === s.bytesOut
    );
  });
}
