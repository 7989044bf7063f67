import { formatBytes, type HttpExchangeSummary } from "@ferry/store/client";

/** The request's path and query, whether the log holds an absolute URL or a request target. */
export function exchangePath(url: string): string {
  try {
    const u = new URL(url, "http://forward.invalid");
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 8);

/** One viewer line's cells: time, method, path, status, duration, size (both bodies). */
export function exchangeCells(e: HttpExchangeSummary): {
  time: string;
  method: string;
  path: string;
  status: string;
  duration: string;
  size: string;
} {
  return {
    time: clock(e.requestAt),
    method: e.method,
    path: exchangePath(e.url),
    status: e.status === null ? (e.note ?? "…") : String(e.status),
    duration: e.durationMs === null ? "" : `${Math.round(e.durationMs)} ms`,
    size: formatBytes(e.requestBytes + e.responseBytes),
  };
}
