import type { HttpExchangeDetail, HttpExchangeSummary } from "@ferry/http-log";
import { type FerryClientError, ferryErrorOf } from "./clientError.ts";
import type { FerryClient } from "./createFerryClient.ts";

export interface LiveExchangesOptions {
  /**
   * The forward (id or alias) whose log is read (`logs.http`, the last `keep`) and then followed.
   * Absent: no history, only what is logged from now on, of every forward.
   */
  ref?: number | string;
  /** How many exchanges to keep (the newest), and to read from the file. */
  keep: number;
  /** Every kept exchange, oldest first, after each change. */
  onExchanges: (list: HttpExchangeSummary[]) => void;
  /** The subscription or the read failed. */
  onError?: (error: FerryClientError) => void;
}

export interface LiveExchanges {
  /** The kept exchanges, oldest first. */
  exchanges(): HttpExchangeSummary[];
  /** Forgets the kept exchanges (following goes on). */
  clear(): void;
  close(): void;
}

type LogsClient = Pick<FerryClient, "logs">;

/**
 * Logged HTTP exchanges, live: `logs.follow` first, so nothing logged between the read and the
 * subscription is missed, then the file's last `keep` (`logs.http`, bodies left out), placed
 * before what was followed. An exchange in both (by `traceId`) is kept once.
 */
export function liveExchanges(client: LogsClient, options: LiveExchangesOptions): LiveExchanges {
  const { ref, keep } = options;
  let list: HttpExchangeSummary[] = [];
  let closed = false;
  const fresh = (more: readonly HttpExchangeSummary[]) => {
    const known = new Set(list.map((e) => e.traceId));
    return more.filter((e) => !known.has(e.traceId) && known.add(e.traceId));
  };
  const publish = (next: HttpExchangeSummary[]) => {
    list = next.slice(-keep);
    options.onExchanges([...list]);
  };
  const fail = (err: unknown) => {
    if (!closed) options.onError?.(ferryErrorOf(err));
  };

  const sub = client.logs.follow.subscribe(ref === undefined ? {} : { ref }, {
    onData: (e) => {
      const added = fresh([e]);
      if (added.length) publish([...list, ...added]);
    },
    onError: fail,
  });
  if (ref !== undefined)
    client.logs.http.query({ ref, limit: keep, bodies: false }).then((history) => {
      if (closed) return;
      const added = fresh(history);
      if (added.length) publish([...added, ...list]);
    }, fail);

  return {
    exchanges: () => [...list],
    clear: () => publish([]),
    close() {
      closed = true;
      sub.unsubscribe();
    },
  };
}

/** One exchange in full (headers and bodies), read from the forward's file; null if it is gone. */
export async function exchangeDetail(
  client: LogsClient,
  ref: number | string,
  e: Pick<HttpExchangeSummary, "traceId" | "requestAt">,
): Promise<HttpExchangeDetail | null> {
  const list = await client.logs.http.query({ ref, since: e.requestAt, bodies: true });
  return list.find((d) => d.traceId === e.traceId) ?? null;
}
