import { type DisplayedBody, displayBody } from "./bodyDisplay.ts";
import { type CapturedExchange, type CapturedMessage, headerValue } from "./capturedExchange.ts";
import { type NameMatcher, redactHeaders, redactUrl } from "./redact.ts";
import type { HttpExchangeSummary } from "./types.ts";

export interface RenderContext {
  configId: number;
  localPort: number;
  bodyCap: number;
  /** null when redaction is off. */
  redact: NameMatcher | null;
}

/** REST Client reads these as comments (`#`, `//`) or request separators (`###`). */
const REST_CLIENT_COMMENT = /^\s*(#|\/\/)/m;

export function summarize(e: CapturedExchange, ctx: RenderContext): HttpExchangeSummary {
  const s: HttpExchangeSummary = {
    traceId: e.traceId,
    configId: ctx.configId,
    requestAt: e.requestAt,
    responseAt: e.responseAt,
    durationMs: e.responseAt === null ? null : Math.max(0, e.responseAt - e.requestAt),
    method: e.method,
    url: redactUrl(e.target, ctx.redact),
    status: e.status,
    requestBytes: e.request?.body.total ?? 0,
    responseBytes: e.response?.body.total ?? 0,
  };
  if (e.note) s.note = e.note;
  return s;
}

function iso(ms: number | null): string {
  return ms === null ? "-" : new Date(ms).toISOString();
}

function shownBody(m: CapturedMessage, ctx: RenderContext): DisplayedBody {
  const b = m.body;
  return displayBody(
    { bytes: b.bytes(), total: b.total, truncated: b.truncated },
    m.headers,
    ctx.bodyCap,
    ctx.redact,
  );
}

function trailerNotes(m: CapturedMessage, ctx: RenderContext): string[] {
  return redactHeaders(m.trailers, ctx.redact).map(([k, v]) => `trailer ${k}: ${v}`);
}

/** The absolute URL REST Client needs, from the Host header (or the forward's own port). */
export function requestUrl(
  target: string,
  headers: readonly [string, string][],
  localPort: number,
): string {
  if (!target.startsWith("/")) return target;
  return `http://${headerValue(headers, "host") ?? `localhost:${localPort}`}${target}`;
}

function requestLines(e: CapturedExchange, m: CapturedMessage, ctx: RenderContext): string[] {
  const headers = redactHeaders(m.headers, ctx.redact);
  const out = [
    `${e.method} ${redactUrl(requestUrl(e.target, m.headers, ctx.localPort), ctx.redact)} HTTP/${m.httpVersion}`,
  ];
  const body = shownBody(m, ctx);
  // A body shown decoded would be sent decoded: REST Client must not claim it is encoded.
  const decoded = body.text !== null && body.notes.some((n) => n.endsWith("decoded for display"));
  for (const [k, v] of headers) {
    const off = decoded && k.toLowerCase() === "content-encoding";
    out.push(off ? `# ${k}: ${v} (commented out: the body below is shown decoded)` : `${k}: ${v}`);
  }
  const notes = [...body.notes, ...trailerNotes(m, ctx)];
  let text = body.text;
  if (text && REST_CLIENT_COMMENT.test(text)) {
    notes.unshift(
      `text body of ${m.body.total} bytes not shown: REST Client would read some of its lines as comments`,
    );
    text = null;
  }
  if (text || notes.length) out.push("");
  if (text) out.push(...text.split("\n"));
  for (const n of notes) out.push(`# <${n}>`);
  return out;
}

function responseLines(e: CapturedExchange, m: CapturedMessage, ctx: RenderContext): string[] {
  const out = [`# HTTP/${m.httpVersion} ${e.status ?? ""} ${e.statusText ?? ""}`.trimEnd()];
  for (const [k, v] of redactHeaders(m.headers, ctx.redact)) out.push(`# ${k}: ${v}`);
  const body = shownBody(m, ctx);
  const notes = [...body.notes, ...trailerNotes(m, ctx)];
  if (body.text || notes.length) out.push("#");
  if (body.text) for (const line of body.text.split("\n")) out.push(line ? `# ${line}` : "#");
  for (const n of notes) out.push(`# <${n}>`);
  return out;
}

/** One `###` entry of the `.http` file: the request REST Client can send again, the response as comments. */
export function renderEntry(e: CapturedExchange, ctx: RenderContext): string {
  const s = summarize(e, ctx);
  const lines = [
    "###",
    `# Trace ID: ${s.traceId}`,
    `# Request at: ${iso(s.requestAt)}`,
    `# Response at: ${iso(s.responseAt)}`,
    `# Took: ${s.durationMs ?? "-"} ms`,
    `# Config ID: ${s.configId}`,
    `# Client port: ${e.clientPort}`,
    `# Request bytes: ${s.requestBytes}`,
    `# Response bytes: ${s.responseBytes}`,
  ];
  for (const i of e.interim) lines.push(`# Interim: ${i}`);
  if (s.note) lines.push(`# Note: ${s.note.replace(/\n/g, " ")}`);
  if (e.request) lines.push("", ...requestLines(e, e.request, ctx));
  if (e.response) lines.push("", ...responseLines(e, e.response, ctx));
  lines.push("", "");
  return lines.join("\n");
}
