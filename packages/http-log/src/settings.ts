import { HttpLogError } from "./httpLogError.ts";
import type { HttpLogSettings } from "./types.ts";

export const defaultHttpLogSettings: HttpLogSettings = Object.freeze({
  maxFileSize: 10 * 1024 * 1024,
  maxFiles: 5,
  retentionDays: 7,
  autoCleanup: true,
  bodyCap: 64 * 1024,
  redact: true,
  redactHeaders: Object.freeze([
    "Authorization",
    "Proxy-Authorization",
    "Cookie",
    "Set-Cookie",
    "*token*",
    "*secret*",
    "*api-key*",
  ]) as string[],
}) as HttpLogSettings;

function invalid(field: keyof HttpLogSettings, rule: string, got: unknown): HttpLogError {
  const shown = typeof got === "string" ? JSON.stringify(got) : String(got);
  return new HttpLogError(
    "HTTP_LOG_INVALID_SETTING",
    `HTTP log setting ${field} ${rule} (got ${shown}); fix it or leave it out for the default (${JSON.stringify(defaultHttpLogSettings[field])})`,
  );
}

function positive(s: Partial<HttpLogSettings>, field: "maxFileSize" | "retentionDays"): number {
  const v = s[field] ?? defaultHttpLogSettings[field];
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw invalid(field, "must be a number greater than 0", v);
  }
  return v;
}

function wholeAtLeast0(s: Partial<HttpLogSettings>, field: "maxFiles" | "bodyCap"): number {
  const v = s[field] ?? defaultHttpLogSettings[field];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) {
    throw invalid(field, "must be a whole number, 0 or more", v);
  }
  return v;
}

function flag(s: Partial<HttpLogSettings>, field: "autoCleanup" | "redact"): boolean {
  const v = s[field] ?? defaultHttpLogSettings[field];
  if (typeof v !== "boolean") throw invalid(field, "must be true or false", v);
  return v;
}

/** Fills defaults and checks every field; throws HTTP_LOG_INVALID_SETTING naming the field. */
export function checkHttpLogSettings(s: Partial<HttpLogSettings>): HttpLogSettings {
  const redactHeaders = s.redactHeaders ?? defaultHttpLogSettings.redactHeaders;
  if (
    !Array.isArray(redactHeaders) ||
    redactHeaders.some((h) => typeof h !== "string" || h.trim() === "")
  ) {
    throw invalid("redactHeaders", "must be a list of header names or globs", redactHeaders);
  }
  return {
    maxFileSize: Math.floor(positive(s, "maxFileSize")) || 1,
    maxFiles: wholeAtLeast0(s, "maxFiles"),
    retentionDays: positive(s, "retentionDays"),
    autoCleanup: flag(s, "autoCleanup"),
    bodyCap: wholeAtLeast0(s, "bodyCap"),
    redact: flag(s, "redact"),
    redactHeaders: redactHeaders.map((h) => h.trim()),
  };
}
