import type { Config, ForwardRow, ForwardUpdate } from "@ferry/store/client";
import { addReading, emptyHistory, type TrafficHistory } from "./traffic.ts";

/** One line of a forward's recent events: a state change or a log line from the daemon. */
export interface EventLine {
  at: number;
  text: string;
  /** The forward's error at that moment, for "last error" once it has recovered. */
  error: string | null;
}

/** What the screen shows of the daemon's data. */
export interface LiveState {
  configs: Config[];
  rows: ReadonlyMap<number, ForwardRow>;
  history: ReadonlyMap<number, TrafficHistory>;
  events: ReadonlyMap<number, readonly EventLine[]>;
}

export const EVENTS_KEPT = 20;

export function emptyLive(): LiveState {
  return { configs: [], rows: new Map(), history: new Map(), events: new Map() };
}

function describe(r: ForwardRow): string {
  if (r.state === "error" && r.error) return `error: ${r.error.message}`;
  if (r.state === "running" && r.pod) return `running (pod ${r.pod})`;
  return r.state;
}

const changed = (a: ForwardRow | undefined, b: ForwardRow) =>
  !a || a.state !== b.state || a.pod !== b.pod || a.error?.message !== b.error?.message;

/**
 * Folds one pushed update in: traffic readings feed the sparkline, a change of state, pod or
 * error and every log line become an event line. The row itself arrives with `applyRows`.
 */
export function applyUpdate(prev: LiveState, u: ForwardUpdate): LiveState {
  const id = u.row.id;
  if (u.kind === "traffic") {
    const history = new Map(prev.history);
    history.set(id, addReading(prev.history.get(id) ?? emptyHistory(), u.row, u.at));
    return { ...prev, history };
  }
  const text =
    u.kind === "log" && u.log
      ? `${u.log.level}: ${u.log.message}`
      : changed(prev.rows.get(id), u.row)
        ? describe(u.row)
        : null;
  if (text === null) return prev;
  const events = new Map(prev.events);
  const line = { at: u.at, text, error: u.row.error?.message ?? null };
  events.set(id, [...(events.get(id) ?? []), line].slice(-EVENTS_KEPT));
  return { ...prev, events };
}

/** Takes the daemon's rows; the same rows (by reference) keep the old state: no render. */
export function applyRows(prev: LiveState, rows: readonly ForwardRow[]): LiveState {
  if (rows.length === prev.rows.size && rows.every((r) => prev.rows.get(r.id) === r)) return prev;
  return { ...prev, rows: new Map(rows.map((r) => [r.id, r])) };
}
