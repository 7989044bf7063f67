import { type Config, type FerryClient, ferryErrorOf, printable } from "@ferry/store/client";
import { Text, useInput } from "ink";
import { useState } from "react";
import { FormField } from "./FormField.tsx";
import { Panel } from "./Panel.tsx";

export interface HttpLogSettingsProps {
  client: FerryClient;
  config: Config;
  width: number;
  onDone: (note: string | null) => void;
}

const FIELDS = [
  ["http_logs_max_file_size", "Max file size", "bytes before the file rotates"],
  ["http_logs_retention_days", "Retention days", "older files go, with cleanup on"],
  ["http_logs_auto_cleanup", "Auto cleanup", "delete files older than the retention"],
] as const;
type Field = (typeof FIELDS)[number][0];

/**
 * kftui's `L`: the selected forward's HTTP-log size limit, retention and cleanup. Saved with the
 * config; a running forward takes them at once (no restart). The daemon's refusal of a value
 * shows under its field.
 */
export function HttpLogSettings({ client, config, width, onDone }: HttpLogSettingsProps) {
  const [values, setValues] = useState({
    http_logs_max_file_size: String(config.http_logs_max_file_size ?? ""),
    http_logs_retention_days: String(config.http_logs_retention_days ?? ""),
    http_logs_auto_cleanup: config.http_logs_auto_cleanup ?? false,
  });
  const [focus, setFocus] = useState(0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const current = FIELDS[focus]?.[0] as Field;
  const save = () => {
    // Empty is "not given" (the defaults apply); other text goes as typed for the daemon to name.
    const number = (t: string) =>
      t.trim() === "" ? null : /^-?\d+$/.test(t.trim()) ? Number(t.trim()) : t;
    const patch = {
      http_logs_max_file_size: number(values.http_logs_max_file_size),
      http_logs_retention_days: number(values.http_logs_retention_days),
      http_logs_auto_cleanup: values.http_logs_auto_cleanup,
    } as Partial<Config>;
    client.configs.update.mutate({ id: config.id, patch }).then(
      () => onDone(`HTTP log settings saved for ${config.alias}.`),
      (err) => {
        const e = ferryErrorOf(err);
        setErrors(e.fields);
        // The fields carry the details; a refusal with none is said whole, line by line.
        setMessage(Object.keys(e.fields).length ? "Fix the fields marked in red." : e.message);
      },
    );
  };
  useInput((input, key) => {
    if (key.tab || key.downArrow) return setFocus((f) => (f + 1) % FIELDS.length);
    if (key.upArrow) return setFocus((f) => (f + FIELDS.length - 1) % FIELDS.length);
    if (key.ctrl && input === "s") return save();
    if (current === "http_logs_auto_cleanup") {
      if (key.escape) return onDone(null);
      if (key.return) return save();
      if (input === " " || key.leftArrow || key.rightArrow)
        setValues((v) => ({ ...v, http_logs_auto_cleanup: !v.http_logs_auto_cleanup }));
    }
  });
  return (
    <Panel title={`HTTP logs of ${printable(config.alias)}`} width={Math.min(width, 100)}>
      {FIELDS.map(([f, label, hint], i) => (
        <FormField
          key={f}
          label={label}
          value={values[f]}
          focus={i === focus}
          editable
          choices={undefined}
          note={undefined}
          detail={hint}
          error={errors[f]}
          warning={undefined}
          onChange={(v) => setValues((prev) => ({ ...prev, [f]: v }))}
          onSubmit={save}
          onCancel={() => onDone(null)}
        />
      ))}
      {message ? (
        <Text color="red" wrap="wrap">
          {message.split("\n").map(printable).join("\n")}
        </Text>
      ) : null}
      <Text dimColor>Tab/↑↓ field · space flips · Enter or Ctrl+S save · Esc cancel</Text>
    </Panel>
  );
}
