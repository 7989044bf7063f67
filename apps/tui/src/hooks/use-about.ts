import { type FerryClient, ferryErrorOf, type RouterOutputs } from "@ferry/store/client";
import { useEffect, useState } from "react";

export type DaemonInfo = RouterOutputs["daemon"]["info"];

/** The daemon's own account of itself (version, pid, home, address), or why it is missing. */
export function useAbout(client: FerryClient) {
  const [info, setInfo] = useState<DaemonInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.daemon.info.query().then(setInfo, (err) => setError(ferryErrorOf(err).message));
  }, [client]);
  return { info, error };
}
