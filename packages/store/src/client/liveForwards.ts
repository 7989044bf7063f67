import type { ConfigChange, ForwardRow, ForwardUpdate } from "../api/contextTypes.ts";
import { type FerryClientError, ferryErrorOf } from "./clientError.ts";
import { closeFerryClient, type FerryClient } from "./createFerryClient.ts";

/** `connecting` until the first snapshot, `live` while events flow, `offline` between retries. */
export type LiveState = "connecting" | "live" | "offline";

export interface LiveForwardsOptions {
  /** Every row, by id, after each change (also after each snapshot). */
  onRows?: (rows: ForwardRow[]) => void;
  /** Each pushed update, after it is merged (log lines arrive only here). */
  onUpdate?: (update: ForwardUpdate) => void;
  /** After any client created, updated, deleted or imported configs (rows are re-read first). */
  onConfigs?: (change: ConfigChange) => void;
  /** The connection's state, with the error that took it offline. */
  onState?: (state: LiveState, error: FerryClientError | null) => void;
  /** Delay before a new attempt after the subscription failed; default 1000 ms. */
  retryMs?: number;
}

export interface LiveForwards {
  /** The current rows, by id. */
  rows(): ForwardRow[];
  row(id: number): ForwardRow | undefined;
  state(): LiveState;
  /** Reads `forwards.status` again (config changes from any client already do it). */
  refresh(): Promise<void>;
  close(): void;
}

/** What the helper uses of a client. */
type ForwardsClient = Pick<FerryClient, "forwards"> & Partial<Pick<FerryClient, "configs">>;
type ClientSource = ForwardsClient | (() => ForwardsClient | Promise<ForwardsClient>);

/**
 * A factory, as opposed to a client. A tRPC client is a callable Proxy (`typeof` says
 * "function" and it has every property), so the test is "a function without `forwards`".
 */
function isFactory(source: ClientSource): source is () => ForwardsClient | Promise<ForwardsClient> {
  return typeof source === "function" && !(source as Partial<ForwardsClient>).forwards;
}

/**
 * Live forward rows: a `forwards.status` snapshot, then every `forwards.events` update merged in
 * (each carries the whole row, so merging is a replace), and a fresh snapshot after each
 * `configs.changes` push (a config created, edited, deleted or imported by any client). Each (re)start of the subscription takes
 * a fresh snapshot, so nothing missed while offline stays stale. When the subscription fails it
 * is opened again after `retryMs`; pass a function as `source` to get a new client each time
 * (a restarted daemon has a new port and token).
 */
export function liveForwards(
  source: ClientSource,
  options: LiveForwardsOptions = {},
): LiveForwards {
  const rows = new Map<number, ForwardRow>();
  let state: LiveState = "connecting";
  let closed = false;
  let client: ForwardsClient | null = null;
  let unsubscribe: (() => void) | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  // A snapshot older than an update must not undo it: updates seen during a refresh win.
  let generation = 0;

  const publish = () => options.onRows?.([...rows.values()].sort((a, b) => a.id - b.id));
  const setState = (next: LiveState, error: FerryClientError | null = null) => {
    if (state === next && error === null) return;
    state = next;
    options.onState?.(next, error);
  };

  const refresh = async () => {
    if (!client) return;
    const started = ++generation;
    const touched = new Set<number>();
    const onTouch = (id: number) => touched.add(id);
    touchers.add(onTouch);
    try {
      const snapshot = await client.forwards.status.query();
      if (closed || started !== generation) return;
      const fresh = new Map(snapshot.map((r) => [r.id, r]));
      for (const id of rows.keys()) if (!fresh.has(id) && !touched.has(id)) rows.delete(id);
      for (const [id, row] of fresh) if (!touched.has(id)) rows.set(id, row);
      publish();
    } finally {
      touchers.delete(onTouch);
    }
  };
  const touchers = new Set<(id: number) => void>();

  // A client this helper made (from a factory) is its to close.
  const dropOwnClient = () => {
    if (isFactory(source) && client) closeFerryClient(client as FerryClient);
  };
  const fail = (err: unknown) => {
    const stop = unsubscribe;
    unsubscribe = null;
    stop?.();
    dropOwnClient();
    if (closed || retry) return;
    setState("offline", ferryErrorOf(err));
    retry = setTimeout(() => void connect(), options.retryMs ?? 1_000);
  };

  const connect = async () => {
    retry = null;
    try {
      client = isFactory(source) ? await source() : source;
    } catch (err) {
      return fail(err);
    }
    if (closed) return;
    const sub = client.forwards.events.subscribe(undefined, {
      onStarted: () => {
        refresh().then(
          () => setState("live"),
          (err) => fail(err),
        );
      },
      onData: (update) => {
        for (const touch of touchers) touch(update.row.id);
        rows.set(update.row.id, update.row);
        options.onUpdate?.(update);
        publish();
      },
      onError: (err) => fail(err),
      onConnectionStateChange: (s) => {
        if (s.state !== "connecting" || !s.error) return;
        // The WebSocket dropped. tRPC retries the same URL; a daemon restarted since has
        // another, so with a client factory start over instead.
        if (isFactory(source)) fail(s.error);
        else setState("offline", ferryErrorOf(s.error));
      },
      onComplete: () => {
        if (!closed && unsubscribe) fail(new Error("the daemon ended the event stream"));
      },
    });
    // Config changes by any client: new and deleted configs show up here too.
    const configs = client.configs?.changes.subscribe(undefined, {
      onData: (change) => {
        refresh().then(
          () => options.onConfigs?.(change),
          () => {},
        );
      },
      onError: () => {},
    });
    unsubscribe = () => {
      sub.unsubscribe();
      configs?.unsubscribe();
    };
  };

  void connect();
  return {
    rows: () => [...rows.values()].sort((a, b) => a.id - b.id),
    row: (id) => rows.get(id),
    state: () => state,
    refresh,
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const stop = unsubscribe;
      unsubscribe = null;
      stop?.();
      dropOwnClient();
    },
  };
}
