import type { FerryClient } from "@ferry/store/client";
import { useEffect, useState } from "react";

/**
 * Exchanges logged on any forward since the TUI started or since `reset` (opening the viewer),
 * live from `logs.follow`. A daemon without HTTP logs leaves it at 0.
 */
export function useHttpCount(client: FerryClient | null) {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!client) return;
    const sub = client.logs.follow.subscribe(
      {},
      { onData: () => setCount((n) => n + 1), onError: () => {} },
    );
    return () => sub.unsubscribe();
  }, [client]);
  return { count, reset: () => setCount(0) };
}
