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
// Rows are pushed; configs added or removed elsewhere (the CLI, the TUI) push nothing, so the
// list is re-read this often.
const CONFIGS_RESYNC_MS = 5_000;

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
 * `forwards.events` update, re-subscribing when the stream drops) plus `configs.list`.
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
    // liveForwards takes a function as a client factory, and a tRPC client is a callable proxy:
    // hand it the plain object it reads (only `forwards`) so it is used as the client it is.
    const source = { forwards: client.forwards } as FerryClient;
    const forwards = liveForwards(source, {
      onRows: (list) => setRows(new Map(list.map((r) => [r.id, r]))),
      onUpdate: (update) => setEvents((prev) => [...prev, update].slice(-MAX_EVENTS)),
      onState: (state, error) => {
        if (state === "offline") setProblem(`live updates interrupted: ${error?.message ?? ""}`);
        if (state === "live") void reload();
      },
    });
    live.current = forwards;
    const timer = setInterval(() => void reload(), CONFIGS_RESYNC_MS);
    return () => {
      forwards.close();
      clearInterval(timer);
    };
  }, [client, reload]);

  return { configs, rows, events, problem, reload };
}
