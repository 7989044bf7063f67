import { type FerryClient, printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import { useState } from "react";
import { useSettings } from "../hooks/use-settings.ts";
import { useSettingsKeys } from "../hooks/use-settings-keys.ts";
import { fit } from "../layout/fit.ts";
import { Panel } from "./Panel.tsx";
import { TextField } from "./TextField.tsx";

export interface SettingsScreenProps {
  client: FerryClient;
  width: number;
  onClose: () => void;
}

/** The daemon's settings: one per line with what it does; Enter edits, as JSON or plain text. */
export function SettingsScreen({ client, width, onClose }: SettingsScreenProps) {
  const { rows, message, save } = useSettings(client);
  const [cursor, setCursor] = useState(0);
  const [draft, setDraft] = useState<string | null>(null);
  const current = rows[cursor];
  useSettingsKeys({
    count: rows.length,
    editing: draft !== null,
    setCursor,
    edit: () => current && setDraft(current.value),
    close: onClose,
  });
  const keyWidth = 28;
  return (
    <Panel title="Settings" width={Math.min(width, 100)}>
      {rows.map((r, i) => (
        <Box key={r.key} flexDirection="column">
          <Box>
            <Text color={i === cursor ? "cyan" : undefined}>
              {fit(`${i === cursor ? "›" : " "} ${printable(r.key)}`, keyWidth)}
            </Text>
            {i === cursor && draft !== null ? (
              <TextField
                value={draft}
                focus
                onChange={setDraft}
                onSubmit={(v) => {
                  setDraft(null);
                  void save(r.key, v);
                }}
                onCancel={() => setDraft(null)}
              />
            ) : (
              <Text>{r.value ? printable(r.value) : <Text dimColor>(not set)</Text>}</Text>
            )}
          </Box>
          {i === cursor && r.text ? (
            <Text dimColor>{`${" ".repeat(keyWidth)}${r.text}`}</Text>
          ) : null}
        </Box>
      ))}
      {message ? (
        <Text color={message.error ? "red" : "green"} wrap="wrap">
          {printable(message.text)}
        </Text>
      ) : null}
      <Text dimColor>↑↓ move · Enter edit (JSON or text; empty unsets) · Esc back</Text>
    </Panel>
  );
}
