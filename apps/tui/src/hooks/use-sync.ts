import type { FerryClient, SyncSource } from "@ferry/store/client";
import { useEffect, useState } from "react";

/**
 * The git sync sources and their status: `sync.list`, then each change the daemon pushes on
 * `sync.events` (a sync started, finished or failed). A daemon without sources gives [].
 */
export function useSync(client: FerryClient | null) {
  const [sources, setSources] = useState<SyncSource[]>([]);
  useEffect(() => {
    if (!client) return;
    const put = (s: SyncSource) =>
      setSources((prev) =>
        prev.some((p) => p.name === s.name)
          ? prev.map((p) => (p.name === s.name ? s : p))
          : [...prev, s],
      );
    const sub = client.sync.events.subscribe(undefined, { onData: put, onError: () => {} });
    client.sync.list.query().then(setSources, () => {});
    return () => sub.unsubscribe();
  }, [client]);
  return sources;
}
