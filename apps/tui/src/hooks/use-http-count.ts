import type { FerryClient } from "@ferry/store/client";
import { useEffect, useRef, useState } from "react";

/**
 * Exchanges logged on any forward since the TUI started or since `reset` (opening the viewer),
 * live from `logs.follow`. A daemon without HTTP logs leaves it at 0. `onExchange` runs on each
 * (the rows' own counts change with no `forwards.events` push: the caller reads them again).
 */
export function useHttpCount(client: FerryClient | null, onExchange: () => void = () => {}) {
  const [count, setCount] = useState(0);
  const latest = useRef(onExchange);
  latest.current = onExchange;
  useEffect(() => {
    if (!client) return;
    const sub = client.logs.follow.subscribe(
      {},
      {
        onData: () => {
          setCount((n) => n + 1);
          latest.current();
        },
        onError: () => {},
      },
    );
    return () => sub.unsubscribe();
  }, [client]);
  return { count, reset: () => setCount(0) };
}
