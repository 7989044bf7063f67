import {
  type FerryClient,
  ferryErrorOf,
  type HttpExchangeDetail,
  type HttpExchangeSummary,
} from "@ferry/store/client";
import { useEffect, useState } from "react";

/** How many exchanges the viewer keeps (the file keeps them all). */
const KEEP = 500;

/**
 * A forward's logged exchanges: the last ones from the file (`logs.http`), then each new one
 * as the daemon pushes it (`logs.follow`), oldest first.
 */
export function useHttpLog(client: FerryClient, ref: number) {
  const [exchanges, setExchanges] = useState<HttpExchangeSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const seen = new Set<string>();
    const add = (list: readonly HttpExchangeSummary[]) => {
      const fresh = list.filter((e) => !seen.has(e.traceId));
      for (const e of fresh) seen.add(e.traceId);
      if (fresh.length) setExchanges((prev) => [...prev, ...fresh].slice(-KEEP));
    };
    // Follow first, so nothing logged between the read and the subscription is missed.
    const sub = client.logs.follow.subscribe(
      { ref },
      { onData: (e) => add([e]), onError: (err) => setError(ferryErrorOf(err).message) },
    );
    client.logs.http.query({ ref, limit: KEEP, bodies: false }).then(
      (list) => add(list),
      (err) => setError(ferryErrorOf(err).message),
    );
    return () => sub.unsubscribe();
  }, [client, ref]);
  return { exchanges, error };
}

/** One exchange in full (headers and bodies), read from the file. */
export async function exchangeDetail(
  client: FerryClient,
  ref: number,
  e: HttpExchangeSummary,
): Promise<HttpExchangeDetail | null> {
  const list = await client.logs.http.query({ ref, since: e.requestAt, bodies: true });
  return list.find((d) => d.traceId === e.traceId) ?? null;
}
