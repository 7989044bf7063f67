import type { Config, HttpLogLimitField } from "../schema/config.ts";

/** kftray's HTTP log limits of one forward as a form holds them: text as typed, cleanup a flag. */
export interface HttpLogLimitValues {
  http_logs_max_file_size: string;
  http_logs_retention_days: string;
  http_logs_auto_cleanup: boolean;
}

/** A stored config's limits, to edit them; unset is empty text (the defaults apply). */
export function httpLogLimitsFromConfig(c: Pick<Config, HttpLogLimitField>): HttpLogLimitValues {
  return {
    http_logs_max_file_size: String(c.http_logs_max_file_size ?? ""),
    http_logs_retention_days: String(c.http_logs_retention_days ?? ""),
    http_logs_auto_cleanup: c.http_logs_auto_cleanup ?? false,
  };
}

/** Empty is "not given" (null: the defaults); whole numbers go as numbers. */
const numberOrText = (t: string) =>
  t.trim() === "" ? null : /^-?\d+$/.test(t.trim()) ? Number(t.trim()) : t;

/**
 * The `configs.update` patch that saves the limits. Other text goes as typed, so the daemon's
 * refusal names the field and quotes the value (the cast only widens the type).
 */
export function httpLogLimitsPatch(v: HttpLogLimitValues): Partial<Config> {
  return {
    http_logs_max_file_size: numberOrText(v.http_logs_max_file_size),
    http_logs_retention_days: numberOrText(v.http_logs_retention_days),
    http_logs_auto_cleanup: v.http_logs_auto_cleanup,
  } as Partial<Config>;
}
