import { type FerryClient, ferryErrorOf, type HttpExchangeSummary } from "@ferry/store/client";
import { useEffect, useState } from "react";

const LIMIT = 300;

/**
 * Logged HTTP exchanges, newest first: a forward's (`id`) from its file then live, or, without
 * an id, only those pushed since the window opened (any forward) for the "new" count.
 */
export function useExchanges(client: FerryClient, id?: number) {
  const [list, setList] = useState<HttpExchangeSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setList([]);
    const merge = (more: HttpExchangeSummary[]) =>
      setList((prev) => {
        const known = new Set(prev.map((e) => e.traceId));
        const fresh = more.filter((e) => !known.has(e.traceId)).reverse();
        return [...fresh, ...prev].slice(0, LIMIT);
      });
    const fail = (err: unknown) => setProblem(ferryErrorOf(err).message);
    const sub = client.logs.follow.subscribe(id === undefined ? {} : { ref: id }, {
      onData: (e) => merge([e]),
      onError: fail,
    });
    if (id !== undefined) client.logs.http.query({ ref: id, limit: LIMIT }).then(merge, fail);
    return () => sub.unsubscribe();
  }, [client, id]);
  return { list, problem, clear: () => setList([]) };
}
