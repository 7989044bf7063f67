import { type FerryClient, type HttpExchangeSummary, liveExchanges } from "@ferry/store/client";
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
    setExchanges([]);
    const live = liveExchanges(client, {
      ref,
      keep: KEEP,
      onExchanges: setExchanges,
      onError: (e) => setError(e.message),
    });
    return () => live.close();
  }, [client, ref]);
  return { exchanges, error };
}
