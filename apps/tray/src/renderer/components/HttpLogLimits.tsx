import { type Config, type FerryClient, ferryErrorOf, printable } from "@ferry/store/client";
import { type FormEvent, useState } from "react";
import { Field } from "./Field.tsx";

interface Props {
  client: FerryClient;
  config: Config;
}

const numberOrText = (t: string) =>
  t.trim() === "" ? null : /^-?\d+$/.test(t.trim()) ? Number(t) : t;

/**
 * kftray's HTTP log limits of one forward: the file size before rotation, the retention, and
 * cleanup. Saved with the config; a running forward takes them at once. Empty: the defaults.
 */
export function HttpLogLimits({ client, config }: Props) {
  const [size, setSize] = useState(String(config.http_logs_max_file_size ?? ""));
  const [days, setDays] = useState(String(config.http_logs_retention_days ?? ""));
  const [cleanup, setCleanup] = useState(config.http_logs_auto_cleanup ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const patch = {
        http_logs_max_file_size: numberOrText(size),
        http_logs_retention_days: numberOrText(days),
        http_logs_auto_cleanup: cleanup,
      } as Partial<Config>;
      await client.configs.update.mutate({ id: config.id, patch });
      setErrors({});
      setMessage("Limits saved.");
    } catch (err) {
      const f = ferryErrorOf(err);
      setErrors(f.fields);
      setMessage(f.message);
    }
  };

  return (
    <form className="http-limits" onSubmit={save} noValidate aria-label="HTTP log limits">
      <div className="grid">
        <Field
          id="hl-size"
          label="Max file size (bytes)"
          error={errors.http_logs_max_file_size}
          hint="Empty: 10 MiB"
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={size}
              onChange={(e) => setSize(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="hl-days"
          label="Retention (days)"
          error={errors.http_logs_retention_days}
          hint="Empty: 7"
        >
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="field checkbox">
        <input
          id="hl-cleanup"
          type="checkbox"
          checked={cleanup}
          onChange={(e) => setCleanup(e.target.checked)}
        />
        <label htmlFor="hl-cleanup">Delete log files older than the retention</label>
      </div>
      <button type="submit">Save limits</button>
      {message ? <span className="muted"> {printable(message)}</span> : null}
    </form>
  );
}
