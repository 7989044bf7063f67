import {
  checkHttpLogSettings,
  HttpLogError,
  type HttpLogSettings,
  isHttpLogError,
} from "@ferry/http-log";
import type { Config } from "../schema/config.ts";

/** Global settings (CONTRACT C): list of header names/globs, bytes kept per body, rotated files. */
export const HTTP_LOG_SETTING_KEYS = {
  redactHeaders: "http_logs.redact_headers",
  bodyCap: "http_logs.body_cap",
  maxFiles: "http_logs.max_files",
  /** Per forward: `{ alias: boolean }`, redaction on (default) or off. */
  redactByAlias: "http_logs.redact_by_alias",
} as const;

/** The config field a HttpLogSettings field comes from, to name it in a refusal. */
const FIELD_OF: Partial<Record<keyof HttpLogSettings, string>> = {
  maxFileSize: "http_logs_max_file_size",
  retentionDays: "http_logs_retention_days",
  autoCleanup: "http_logs_auto_cleanup",
  bodyCap: HTTP_LOG_SETTING_KEYS.bodyCap,
  maxFiles: HTTP_LOG_SETTING_KEYS.maxFiles,
  redactHeaders: HTTP_LOG_SETTING_KEYS.redactHeaders,
  redact: HTTP_LOG_SETTING_KEYS.redactByAlias,
};

/**
 * The HTTP log settings of a forward: its config's kftray fields plus the global settings; null
 * when logging is off or the forward is UDP (nothing to parse). Throws HTTP_LOG_INVALID_SETTING
 * naming the config field or setting key.
 */
export function httpLogSettingsFor(
  config: Config,
  setting: (key: string) => unknown,
): HttpLogSettings | null {
  if (!config.http_logs_enabled || config.protocol === "udp") return null;
  const byAlias = setting(HTTP_LOG_SETTING_KEYS.redactByAlias);
  const redact =
    byAlias !== null && typeof byAlias === "object" && !Array.isArray(byAlias)
      ? (byAlias as Record<string, unknown>)[config.alias]
      : undefined;
  const given = {
    maxFileSize: config.http_logs_max_file_size ?? undefined,
    retentionDays: config.http_logs_retention_days ?? undefined,
    autoCleanup: config.http_logs_auto_cleanup ?? undefined,
    bodyCap: setting(HTTP_LOG_SETTING_KEYS.bodyCap) ?? undefined,
    maxFiles: setting(HTTP_LOG_SETTING_KEYS.maxFiles) ?? undefined,
    redactHeaders: setting(HTTP_LOG_SETTING_KEYS.redactHeaders) ?? undefined,
    redact: redact ?? undefined,
  } as Partial<HttpLogSettings>;
  try {
    return checkHttpLogSettings(given);
  } catch (err) {
    if (!isHttpLogError(err)) throw err;
    const field = Object.keys(FIELD_OF).find((f) => err.message.includes(`setting ${f} `));
    const name = field ? FIELD_OF[field as keyof HttpLogSettings] : undefined;
    throw new HttpLogError(
      "HTTP_LOG_INVALID_SETTING",
      name ? `${name}: ${err.message}` : err.message,
    );
  }
}
