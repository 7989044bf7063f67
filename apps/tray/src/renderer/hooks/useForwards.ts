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
import { spacedAttempts } from "../../shared/backoff.ts";
import type { Connected, DaemonSource } from "../api/connection.ts";

const MAX_EVENTS = 200;

/** The window's link to the daemon: `lost` from a dropped stream until rows flow again. */
export type DaemonLinkState =
  | { state: "connecting" }
  | { state: "live" }
  | { state: "lost"; error: string };

export interface ForwardsState {
  configs: Config[];
  rows: ReadonlyMap<number, ForwardRow>;
  /** The pushed updates, newest last: state changes, traffic samples, log lines. */
  events: ForwardUpdate[];
  /** Why the daemon could not be read, or null. */
  problem: string | null;
  reload: () => Promise<void>;
}

export interface DaemonSession {
  /** The daemon connected last (null before the first connect). */
  connected: Connected | null;
  link: DaemonLinkState;
  forwards: ForwardsState;
}

/**
 * The daemon and its live rows: the shared live helper (a snapshot, then every pushed
 * `forwards.events` update; `configs.list` again on each `configs.changes` push; nothing is
 * polled). With a connect function as `source`, a dropped stream calls it again (as the TUI does:
 * a restarted daemon has a new port and token), spaced by the backoff until rows flow again.
 */
export function useForwards(source: DaemonSource): DaemonSession {
  const [connected, setConnected] = useState<Connected | null>(null);
  const [link, setLink] = useState<DaemonLinkState>({ state: "connecting" });
  const [configs, setConfigs] = useState<Config[]>([]);
  const [rows, setRows] = useState<ReadonlyMap<number, ForwardRow>>(new Map());
  const [events, setEvents] = useState<ForwardUpdate[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const live = useRef<LiveForwards | null>(null);
  const client = useRef<FerryClient | null>(null);

  const reload = useCallback(async () => {
    if (!client.current) return;
    try {
      setConfigs(await client.current.configs.list.query());
      await live.current?.refresh();
      setProblem(null);
    } catch (err) {
      setProblem(ferryErrorOf(err).message);
    }
  }, []);

  useEffect(() => {
    const take = (c: Connected) => {
      client.current = c.client;
      setConnected(c);
      return c.client;
    };
    const attempts = typeof source === "function" ? spacedAttempts(source) : null;
    const clientSource =
      typeof source === "function" ? async () => take(await attempts!.next()) : take(source);
    const forwards = liveForwards(clientSource, {
      onRows: (list) => setRows(new Map(list.map((r) => [r.id, r]))),
      onUpdate: (update) => setEvents((prev) => [...prev, update].slice(-MAX_EVENTS)),
      // Any client (this window, the CLI, the TUI) created, edited, deleted or imported configs.
      onConfigs: () => void reload(),
      onState: (state, error) => {
        if (state === "offline")
          setLink({ state: "lost", error: error?.message ?? "the daemon stopped answering" });
        if (state === "live") {
          attempts?.succeeded();
          setLink({ state: "live" });
          void reload();
        }
      },
      // The backoff spaces the attempts; the helper's own pause would only add to it.
      ...(attempts ? { retryMs: 0 } : {}),
    });
    live.current = forwards;
    return () => forwards.close();
  }, [source, reload]);

  return { connected, link, forwards: { configs, rows, events, problem, reload } };
}
