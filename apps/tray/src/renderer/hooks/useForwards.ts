import { useCallback, useEffect, useRef, useState } from "react";
import { toApiError } from "../api/apiError.ts";
import type { Config, DaemonApi, ForwardEvent, ForwardStatus } from "../api/daemonApi.ts";

const MAX_EVENTS = 200;
// The subscription carries changes as they happen; this slow poll only heals a dropped stream.
const RESYNC_MS = 5_000;

export interface ForwardsState {
  configs: Config[];
  statuses: Map<number, ForwardStatus>;
  events: ForwardEvent[];
  /** Why the daemon could not be read, or null. */
  problem: string | null;
  reload: () => Promise<void>;
}

/** Configs, their live statuses and recent events, kept current from the daemon. */
export function useForwards(api: DaemonApi): ForwardsState {
  const [configs, setConfigs] = useState<Config[]>([]);
  const [statuses, setStatuses] = useState<Map<number, ForwardStatus>>(new Map());
  const [events, setEvents] = useState<ForwardEvent[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    try {
      const [list, status] = await Promise.all([api.listConfigs(), api.status()]);
      if (!alive.current) return;
      setConfigs(list);
      setStatuses(new Map(status.map((s) => [s.id, s])));
      setProblem(null);
    } catch (err) {
      if (alive.current) setProblem(toApiError(err).message);
    }
  }, [api]);

  useEffect(() => {
    alive.current = true;
    void reload();
    const unsubscribe = api.onEvents(
      (event) => {
        const status = event.status;
        if (status) setStatuses((prev) => new Map(prev).set(event.id, status));
        setEvents((prev) => [...prev, event].slice(-MAX_EVENTS));
      },
      (message) => setProblem(`live updates interrupted: ${message}`),
    );
    const timer = setInterval(() => void reload(), RESYNC_MS);
    return () => {
      alive.current = false;
      unsubscribe();
      clearInterval(timer);
    };
  }, [api, reload]);

  return { configs, statuses, events, problem, reload };
}
