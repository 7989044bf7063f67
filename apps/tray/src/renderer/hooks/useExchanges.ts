import {
  type FerryClient,
  type HttpExchangeSummary,
  type LiveExchanges,
  liveExchanges,
} from "@ferry/store/client";
import { useEffect, useRef, useState } from "react";

const LIMIT = 300;

/**
 * Logged HTTP exchanges, newest first: a forward's (`id`) from its file then live, or, without
 * an id, only those pushed since the window opened (any forward) for the "new" count.
 */
export function useExchanges(client: FerryClient, id?: number) {
  const [list, setList] = useState<HttpExchangeSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const live = useRef<LiveExchanges | null>(null);
  useEffect(() => {
    setList([]);
    const l = liveExchanges(client, {
      ref: id,
      keep: LIMIT,
      onExchanges: (oldestFirst) => setList(oldestFirst.reverse()),
      onError: (e) => setProblem(e.message),
    });
    live.current = l;
    return () => l.close();
  }, [client, id]);
  return { list, problem, clear: () => live.current?.clear() };
}
