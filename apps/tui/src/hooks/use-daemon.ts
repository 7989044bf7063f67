import { useCallback, useEffect, useRef, useState } from "react";
import { isConnectionError, toApiError } from "../api/apiError.ts";
import type { DaemonApi } from "../api/daemonApi.ts";
import {
  addEvent,
  applyStatuses,
  emptyLive,
  type LiveState,
  sameStatuses,
} from "../model/liveState.ts";

export type Connection = "connecting" | "connected" | "down";

export interface DaemonOptions {
  /** Finds or starts the daemon and returns a client for it. */
  connect: () => Promise<DaemonApi>;
  pollMs?: number;
  now?: () => number;
}

/**
 * The connection to the daemon and its live data. Polls `status` (one render per change, never
 * more than one per poll); when the daemon stops answering it says so and calls `connect` again,
 * which starts a fresh daemon, with a growing pause between attempts.
 */
export function useDaemon({ connect, pollMs = 1000, now = Date.now }: DaemonOptions) {
  const [api, setApi] = useState<DaemonApi | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [connectError, setConnectError] = useState<string | null>(null);
  const [live, setLive] = useState<LiveState>(emptyLive);
  const [retry, setRetry] = useState(0);
  /** Set when a lost daemon was reached again: what happened, for the status line. */
  const [recovered, setRecovered] = useState<{ text: string } | null>(null);
  const lostWith = useRef<string | null>(null);

  const lost = useCallback((err: unknown) => {
    const message = toApiError(err).message;
    lostWith.current = message;
    setConnectError(message);
    setConnection("down");
    setApi((old) => {
      old?.close?.();
      return null;
    });
  }, []);

  // (Re)connect whenever there is no client.
  useEffect(() => {
    if (api) return;
    let cancelled = false;
    // `retry` counts failed attempts in a row; each failure re-runs this effect, a bit later.
    const delay = retry === 0 ? 0 : Math.min(250 * 2 ** retry, 5000);
    const timer = setTimeout(async () => {
      try {
        const next = await connect();
        const configs = await next.listConfigs();
        if (cancelled) return next.close?.();
        setRetry(0);
        if (lostWith.current) {
          setRecovered({
            text: `The daemon stopped answering (${lostWith.current}); reconnected.`,
          });
          lostWith.current = null;
        }
        setLive((prev) => ({ ...prev, configs }));
        setConnectError(null);
        setConnection("connected");
        setApi(next);
      } catch (err) {
        if (cancelled) return;
        const message = toApiError(err).message;
        lostWith.current ??= message;
        setConnectError(message);
        setConnection("down");
        setApi(null);
        setRetry((r) => r + 1);
      }
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, connect, retry]);

  // Poll statuses while connected.
  useEffect(() => {
    if (!api) return;
    let stopped = false;
    const tick = async () => {
      try {
        const list = await api.status();
        if (stopped) return;
        const at = now();
        setLive((prev) => {
          const next = applyStatuses(prev, list, at);
          // Counters unchanged and nothing running: keep the old object, no re-render.
          return sameStatuses(prev.statuses, list) && list.every((s) => s.state === "stopped")
            ? prev
            : next;
        });
      } catch (err) {
        if (!stopped && isConnectionError(err)) lost(err);
      }
    };
    void tick();
    const timer = setInterval(tick, pollMs);
    const unsubscribe = api.onEvents?.((e) =>
      setLive((prev) => {
        const events = new Map(prev.events);
        addEvent(events, e);
        return { ...prev, events };
      }),
    );
    return () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe?.();
    };
  }, [api, pollMs, now, lost]);

  const reloadConfigs = useCallback(async () => {
    if (!api) return;
    try {
      const configs = await api.listConfigs();
      setLive((prev) => ({ ...prev, configs }));
    } catch (err) {
      if (isConnectionError(err)) lost(err);
      else throw err;
    }
  }, [api, lost]);

  return { api, connection, connectError, recovered, live, reloadConfigs, lost };
}
