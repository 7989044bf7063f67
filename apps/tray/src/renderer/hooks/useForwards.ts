import {
  type Config,
  type FerryClient,
  type ForwardRow,
  type ForwardUpdate,
  ferryErrorOf,
  type LiveForwards,
  liveForwards,
} from "@ferry/store/client";
import { useCallback, useEffect, useRef, useState } from "react";

const MAX_EVENTS = 200;

export interface ForwardsState {
  configs: Config[];
  rows: ReadonlyMap<number, ForwardRow>;
  /** The pushed updates, newest last: state changes, traffic samples, log lines. */
  events: ForwardUpdate[];
  /** Why the daemon could not be read, or null. */
  problem: string | null;
  reload: () => Promise<void>;
}

/**
 * Configs and their live rows: the shared live helper (a snapshot, then every pushed
 * `forwards.events` update, re-subscribing when the stream drops), and `configs.list` again on
 * each `configs.changes` push. Nothing is polled.
 */
export function useForwards(client: FerryClient): ForwardsState {
  const [configs, setConfigs] = useState<Config[]>([]);
  const [rows, setRows] = useState<ReadonlyMap<number, ForwardRow>>(new Map());
  const [events, setEvents] = useState<ForwardUpdate[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const live = useRef<LiveForwards | null>(null);

  const reload = useCallback(async () => {
    try {
      setConfigs(await client.configs.list.query());
      await live.current?.refresh();
      setProblem(null);
    } catch (err) {
      setProblem(ferryErrorOf(err).message);
    }
  }, [client]);

  useEffect(() => {
    const forwards = liveForwards(client, {
      onRows: (list) => setRows(new Map(list.map((r) => [r.id, r]))),
      onUpdate: (update) => setEvents((prev) => [...prev, update].slice(-MAX_EVENTS)),
      // Any client (this window, the CLI, the TUI) created, edited, deleted or imported configs.
      onConfigs: () => void reload(),
      onState: (state, error) => {
        if (state === "offline") setProblem(`live updates interrupted: ${error?.message ?? ""}`);
        if (state === "live") void reload();
      },
    });
    live.current = forwards;
    return () => forwards.close();
  }, [client, reload]);

  return { configs, rows, events, problem, reload };
}
