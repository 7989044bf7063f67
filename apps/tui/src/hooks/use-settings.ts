import { type FerryClient, ferryErrorOf } from "@ferry/store/client";
import { useCallback, useEffect, useState } from "react";
import { type SettingRow, settingRows, settingValue } from "../model/settingsList.ts";

/** The daemon's settings as rows, and saving one (empty text removes it). */
export function useSettings(client: FerryClient) {
  const [rows, setRows] = useState<SettingRow[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    client.settings.all.query().then(
      (all) => setRows(settingRows(all)),
      (err) => setMessage({ text: ferryErrorOf(err).message, error: true }),
    );
  }, [client]);

  const save = useCallback(
    async (key: string, typed: string) => {
      try {
        const value = settingValue(typed);
        const all =
          value === null
            ? await client.settings.delete.mutate(key)
            : await client.settings.set.mutate({ key, value: value as never });
        setRows(settingRows(all));
        setMessage({ text: `Saved ${key}.`, error: false });
      } catch (err) {
        setMessage({ text: ferryErrorOf(err).message, error: true });
      }
    },
    [client],
  );

  return { rows, message, save };
}
