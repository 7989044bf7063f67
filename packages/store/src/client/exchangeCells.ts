import type { HttpExchangeSummary } from "@ferry/http-log";
import { exchangePath } from "./exchangePath.ts";
import { formatBytes } from "./formatBytes.ts";

/** One logged HTTP exchange as a row of the apps' lists, one string a column. */
export interface ExchangeCells {
  /** Local wall-clock time of the request, `HH:MM:SS` (24 h, every locale alike). */
  time: string;
  method: string;
  /** Path and query. */
  path: string;
  /** The status code, or why there is none (a websocket upgrade, not HTTP/1), or `…` pending. */
  status: string;
  /** `12 ms`, or empty while there is no response. */
  duration: string;
  /** Both bodies together. */
  size: string;
}

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

/**
 * The cells of one exchange's row in the TUI's viewer and the tray's HTTP log tab. Raw text from
 * the wire (method, path, note): the caller prints it through `printable`.
 */
export function exchangeCells(e: HttpExchangeSummary): ExchangeCells {
  return {
    time: clock(e.requestAt),
    method: e.method,
    path: exchangePath(e.url),
    status: e.status === null ? (e.note ?? "…") : String(e.status),
    duration: e.durationMs === null ? "" : `${Math.round(e.durationMs)} ms`,
    size: formatBytes(e.requestBytes + e.responseBytes),
  };
}
