import type { HttpExchangeDetail } from "./types.ts";

const STATUS_LINE = /^# HTTP\/(\d(?:\.\d)?) (\d{3})(?: (.*))?$/;
const REQUEST_LINE = /^(\S+) (\S+) HTTP\/(\d(?:\.\d)?)$/;
const META = /^# ([A-Za-z ]+): (.*)$/;

function time(v: string | undefined): number | null {
  if (!v || v === "-") return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

function trimEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === "") end--;
  return lines.slice(0, end);
}

function header(line: string): [string, string] {
  const colon = line.indexOf(":");
  return colon < 0 ? [line, ""] : [line.slice(0, colon), line.slice(colon + 1).trimStart()];
}

function responseBodyLine(line: string): string {
  return line === "#" ? "" : line.startsWith("# ") ? line.slice(2) : line;
}

/** Strips `http://{Host}` that the writer put before an origin-form target. */
function target(url: string, headers: [string, string][]): string {
  const host = headers.find(([k]) => k.toLowerCase() === "host")?.[1];
  const prefix = host ? `http://${host}` : null;
  if (prefix && url.startsWith(prefix) && url.charAt(prefix.length) === "/")
    return url.slice(prefix.length);
  const m = /^http:\/\/localhost:\d+(\/.*)$/.exec(url);
  return !host && m ? m[1]! : url;
}

/** One entry written by renderEntry (the text after its `###` line), read back. */
export function parseEntry(text: string): HttpExchangeDetail | null {
  const lines = text.split("\n");
  const meta = new Map<string, string>();
  let i = 0;
  for (; i < lines.length && lines[i] !== ""; i++) {
    const m = META.exec(lines[i]!);
    if (m) meta.set(m[1]!.toLowerCase(), m[2]!);
  }
  const traceId = meta.get("trace id");
  const requestAt = time(meta.get("request at"));
  if (!traceId || requestAt === null) return null;
  const rest = lines.slice(i + 1);
  const statusAt = rest.findIndex((l) => STATUS_LINE.test(l));
  const reqLines = trimEnd(statusAt < 0 ? rest : rest.slice(0, statusAt));
  const resLines = trimEnd(statusAt < 0 ? [] : rest.slice(statusAt));
  const responseAt = time(meta.get("response at"));
  const took = Number(meta.get("took")?.replace(/ ms$/, ""));
  const d: HttpExchangeDetail = {
    traceId,
    configId: Number(meta.get("config id") ?? 0),
    requestAt,
    responseAt,
    durationMs: Number.isFinite(took) && responseAt !== null ? took : null,
    method: "",
    url: "",
    status: null,
    requestBytes: Number(meta.get("request bytes") ?? 0),
    responseBytes: Number(meta.get("response bytes") ?? 0),
    requestHeaders: [],
    responseHeaders: [],
    requestBody: "",
    responseBody: "",
    httpVersion: "1.1",
    statusText: null,
  };
  const note = meta.get("note");
  if (note) d.note = note;
  const rl = reqLines[0] ? REQUEST_LINE.exec(reqLines[0]) : null;
  if (rl) {
    let j = 1;
    for (; j < reqLines.length && reqLines[j] !== ""; j++) {
      // a commented-out header (Content-Encoding of a body shown decoded) is not sent
      if (!reqLines[j]!.startsWith("#")) d.requestHeaders.push(header(reqLines[j]!));
    }
    d.method = rl[1]!;
    d.url = target(rl[2]!, d.requestHeaders);
    d.httpVersion = rl[3]!;
    d.requestBody = reqLines.slice(j + 1).join("\n");
  }
  const sl = resLines[0] ? STATUS_LINE.exec(resLines[0]) : null;
  if (sl) {
    let j = 1;
    for (; j < resLines.length && resLines[j] !== "#"; j++)
      d.responseHeaders.push(header(resLines[j]!.slice(2)));
    d.status = Number(sl[2]);
    d.statusText = sl[3] ?? "";
    if (!rl) d.httpVersion = sl[1]!;
    d.responseBody = resLines
      .slice(j + 1)
      .map(responseBodyLine)
      .join("\n");
  }
  return d;
}

/** Every entry of one file's text, in file order. */
export function parseEntries(text: string): HttpExchangeDetail[] {
  const out: HttpExchangeDetail[] = [];
  for (const chunk of text.split(/^###\n/m)) {
    const d = chunk.trim() ? parseEntry(chunk) : null;
    if (d) out.push(d);
  }
  return out;
}
