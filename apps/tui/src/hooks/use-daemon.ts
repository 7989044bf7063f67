import {
  type DaemonSkew,
  daemonSkewLines,
  type FerryClient,
  ferryErrorOf,
  type LiveForwards,
  liveForwards,
} from "@ferry/store/client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { coalesced } from "../model/coalesced.ts";
import { applyRows, applyUpdate, emptyLive, type LiveState } from "../model/liveState.ts";

export type Connection = "connecting" | "connected" | "down";

/** A client of the daemon, and what connecting said about a daemon of another version. */
export type Connected = DaemonSkew & { client: FerryClient };

/** What the status line tells the user about the connection, one sentence a line. */
export interface DaemonNotice {
  lines: string[];
  color: "yellow" | "red";
}

export interface DaemonOptions {
  /** Finds or starts the daemon and returns a client of it; called again after it is lost. */
  connect: () => Promise<Connected>;
  /** Pause before reconnecting after the daemon was lost. */
  retryMs?: number;
}

/**
 * The connection to the daemon and its live data. Rows come from the shared live helper: one
 * `forwards.status` snapshot, then every pushed `forwards.events` update; nothing is polled.
 * When the daemon goes away the helper calls `connect` again (which starts a fresh daemon).
 */
export function useDaemon({ connect, retryMs = 1000 }: DaemonOptions) {
  const [client, setClient] = useState<FerryClient | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [connectError, setConnectError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>(emptyLive);
  /**
   * Set when a lost daemon was reached again, or when connecting found a daemon of another
   * version (an older one handed over: what came back and the gap; a newer one is used as is).
   */
  const [notice, setNotice] = useState<DaemonNotice | null>(null);
  const helper = useRef<LiveForwards | null>(null);
  const current = useRef<FerryClient | null>(null);

  const reloadConfigs = useCallback(async () => {
    const c = current.current;
    if (!c) return;
    const configs = await c.configs.list.query();
    setLive((prev) => ({ ...prev, configs }));
  }, []);

  useEffect(() => {
    let lostWith: string | null = null;
    // What a connect said about the daemon's version, shown once the rows are live.
    let skew: { lines: string[]; failed: boolean } = { lines: [], failed: false };
    const forwards = liveForwards(
      async () => {
        const { client: next, ...found } = await connect();
        const lines = daemonSkewLines(found, "tui");
        // Kept until shown: an attempt that fails after a hand-over must not lose it to the next.
        if (lines.length) skew = { lines, failed: !!found.handOver?.failed.length };
        const configs = await next.configs.list.query();
        current.current = next;
        // A tRPC client is a callable proxy: setState would call it as an updater.
        setClient(() => next);
        setLive((prev) => ({ ...prev, configs }));
        return next;
      },
      {
        retryMs,
        onRows: (rows) => setLive((prev) => applyRows(prev, rows)),
        // Any client (this one, the CLI, the tray) created, edited, deleted or imported configs.
        onConfigs: () => void reloadConfigs(),
        onUpdate: (update) => setLive((prev) => applyUpdate(prev, update)),
        onState: (state, error) => {
          if (state === "live") {
            const lines = [
              ...(lostWith ? [`Reconnected: the daemon had stopped answering (${lostWith}).`] : []),
              ...skew.lines,
            ];
            if (lines.length) setNotice({ lines, color: skew.failed ? "red" : "yellow" });
            skew = { lines: [], failed: false };
            lostWith = null;
            setConnectError(null);
            setConnection("connected");
          } else if (state === "offline") {
            const message = error?.message ?? "the daemon stopped answering";
            lostWith ??= message;
            setConnectError(message);
            setConnection("down");
          }
        },
      },
    );
    helper.current = forwards;
    return () => forwards.close();
  }, [connect, retryMs, reloadConfigs]);

  /** Reads the configs again, and the rows (creates, deletes and imports push no event). */
  const reload = useCallback(async () => {
    await reloadConfigs();
    await helper.current?.refresh();
  }, []);

  /**
   * Reads the rows again: one read at a time, a burst of calls folded into one more read after
   * it, reads 250 ms apart at the most often. For facts that change without a `forwards.events`
   * push (a logged HTTP exchange's count), so heavy HTTP traffic costs a few reads a second.
   */
  const refreshRows = useMemo(
    () =>
      coalesced(async () => {
        await helper.current?.refresh();
      }, 250),
    [],
  );

  return { client, connection, connectError, notice, live, reload, refreshRows };
}

export type Daemon = ReturnType<typeof useDaemon>;

/** The message a failed call shows. */
export const errorText = (err: unknown) => ferryErrorOf(err).message;
