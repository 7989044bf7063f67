import type { FerryClient } from "@ferry/store/client";
import { useEffect, useState } from "react";

/** One daemon setting's value (null when unset or unreadable), read again when `epoch` changes. */
export function useSetting(client: FerryClient, key: string, epoch: unknown): unknown {
  const [value, setValue] = useState<unknown>(null);
  useEffect(() => {
    void epoch;
    client.settings.get.query(key).then(setValue, () => setValue(null));
  }, [client, key, epoch]);
  return value;
}
