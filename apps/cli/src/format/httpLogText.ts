import type { HttpExchangeDetail, HttpExchangeSummary } from "@ferry/store/client";
import { formatBytes } from "@ferry/store/client";
import { renderTable } from "./table.ts";

const HEADERS = ["TIME", "METHOD", "URL", "STATUS", "DURATION", "SENT", "RECEIVED", "TRACE"];

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

function row(e: HttpExchangeSummary): string[] {
  return [
    clock(e.requestAt),
    e.method,
    e.url,
    e.status === null ? "-" : String(e.status),
    e.durationMs === null ? "-" : `${e.durationMs}ms`,
    formatBytes(e.requestBytes),
    formatBytes(e.responseBytes),
    e.traceId,
  ];
}

/** The list: a table of exchanges, each note on a line under it. */
export function exchangesTable(list: HttpExchangeSummary[]): string {
  if (list.length === 0) return "no HTTP exchanges logged\n";
  return renderTable(HEADERS, list.map(row)).replace(/\n$/, "") + notes(list);
}

function notes(list: HttpExchangeSummary[]): string {
  const lines = list.filter((e) => e.note).map((e) => `note: ${e.traceId}: ${e.note}`);
  return `\n${lines.map((l) => `${l}\n`).join("")}`;
}

/** One exchange as a line for `-f` (no header: columns are separated by two spaces). */
export function exchangeLine(e: HttpExchangeSummary): string {
  return `${row(e).join("  ")}${e.note ? `  (${e.note})` : ""}\n`;
}

/** One exchange in full: request and response with headers and bodies (as the log file has them). */
export function exchangeFull(e: HttpExchangeDetail): string {
  const lines = [
    `### ${e.traceId}  ${clock(e.requestAt)}  ${e.durationMs === null ? "-" : `${e.durationMs}ms`}`,
    `${e.method} ${e.url} HTTP/${e.httpVersion}`,
    ...e.requestHeaders.map(([k, v]) => `${k}: ${v}`),
  ];
  if (e.requestBody) lines.push("", e.requestBody);
  lines.push("");
  if (e.status !== null) {
    lines.push(`HTTP/${e.httpVersion} ${e.status}${e.statusText ? ` ${e.statusText}` : ""}`);
    lines.push(...e.responseHeaders.map(([k, v]) => `${k}: ${v}`));
    if (e.responseBody) lines.push("", e.responseBody);
  } else lines.push("(no response)");
  if (e.note) lines.push(`note: ${e.note}`);
  return `${lines.join("\n")}\n\n`;
}

const SUMMARY_KEYS = [
  "traceId",
  "configId",
  "requestAt",
  "responseAt",
  "durationMs",
  "method",
  "url",
  "status",
  "requestBytes",
  "responseBytes",
  "note",
] as const;

/**
 * One JSON object per line: the summary fields, and with `bodies` the headers, bodies, HTTP
 * version and status text too.
 */
export function exchangeJson(e: HttpExchangeSummary | HttpExchangeDetail, bodies: boolean): string {
  const out: Record<string, unknown> = {};
  for (const k of SUMMARY_KEYS) if (e[k] !== undefined) out[k] = e[k];
  if (bodies && "requestHeaders" in e) {
    out.httpVersion = e.httpVersion;
    out.statusText = e.statusText;
    out.requestHeaders = e.requestHeaders;
    out.requestBody = e.requestBody;
    out.responseHeaders = e.responseHeaders;
    out.responseBody = e.responseBody;
  }
  return `${JSON.stringify(out)}\n`;
}
