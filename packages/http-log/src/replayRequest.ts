import { HttpLogError } from "./httpLogError.ts";
import { REDACTED } from "./redact.ts";
import type { HttpExchangeDetail } from "./types.ts";

/** Headers that describe one hop or one transfer, never the request itself. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "content-length",
  "expect",
]);
const NOTE_LINE = /^# <(.*)>$/;
/** Notes that mean the logged body is not the body that was sent. */
const INCOMPLETE = /^(binary body|truncated|text body|decoded body cut)|not decoded|redacted$/;

export interface ReplayRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: Buffer;
}

function dropRedactedQuery(url: string): string {
  const q = url.indexOf("?");
  if (q < 0 || !url.includes(REDACTED)) return url;
  const kept = url
    .slice(q + 1)
    .split("&")
    .filter((p) => !p.endsWith(`=${REDACTED}`));
  return kept.length ? `${url.slice(0, q)}?${kept.join("&")}` : url.slice(0, q);
}

/**
 * The request of a logged exchange as it can be sent again: redacted headers and query values
 * and hop-by-hop headers left out, a body decoded for display sent decoded (its
 * Content-Encoding dropped), JSON compacted again. A body not kept in full is refused.
 */
export function replayRequest(e: HttpExchangeDetail): ReplayRequest {
  if (!e.method) {
    throw new HttpLogError(
      "HTTP_LOG_REPLAY_INCOMPLETE",
      `exchange ${e.traceId} has no request to send again (${e.note ?? "no request line"})`,
    );
  }
  const lines = e.requestBody === "" ? [] : e.requestBody.split("\n");
  const notes = lines.flatMap((l) => NOTE_LINE.exec(l)?.[1] ?? []);
  const bad = notes.find((n) => INCOMPLETE.test(n));
  if (bad) {
    throw new HttpLogError(
      "HTTP_LOG_REPLAY_INCOMPLETE",
      `the request body of ${e.traceId} was not logged in full (${bad}); send it with the original client, or raise the body cap (bodyCap) and log it again`,
    );
  }
  const decoded = notes.some((n) => n.endsWith("decoded for display"));
  let headers = e.requestHeaders.filter(
    ([k, v]) =>
      v !== REDACTED &&
      !HOP_BY_HOP.has(k.toLowerCase()) &&
      !(decoded && k.toLowerCase() === "content-encoding"),
  );
  let text = lines.filter((l) => !NOTE_LINE.test(l)).join("\n");
  const type = headers.find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "";
  if (/[/+]json\b/i.test(type)) {
    try {
      text = JSON.stringify(JSON.parse(text));
    } catch {
      // sent as logged
    }
  }
  const body = Buffer.from(text, "utf8");
  if (body.length || e.requestBytes > 0)
    headers = [...headers, ["Content-Length", String(body.length)]];
  return { method: e.method, path: dropRedactedQuery(e.url), headers, body };
}
