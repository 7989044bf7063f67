import { isHttpLogError } from "./httpLogError.ts";
import { replayRequest } from "./replayRequest.ts";
import type { HttpExchangeDetail } from "./types.ts";

/** POSIX shell single quoting. */
function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function hostPort(host: string, port: number): string {
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/**
 * The request as a curl command line against `target` (the forward's local address). Headers
 * that were redacted are left out, and so is a body not logged in full (a comment says so).
 */
export function curlCommand(e: HttpExchangeDetail, target: { host: string; port: number }): string {
  let r: ReturnType<typeof replayRequest>;
  let missing: string | null = null;
  try {
    r = replayRequest(e);
  } catch (err) {
    if (!isHttpLogError(err) || !e.method) throw err;
    missing = err.message;
    r = replayRequest({ ...e, requestBody: "", requestBytes: 0 });
  }
  const authority = hostPort(target.host, target.port);
  const path = r.path.startsWith("/") ? r.path : r.path.replace(/^[a-z]+:\/\/[^/]*/i, "") || "/";
  const parts = ["curl"];
  if (r.method === "HEAD") parts.push("--head");
  else if (r.method !== "GET" || r.body.length) parts.push("-X", r.method);
  parts.push(q(`http://${authority}${path}`));
  for (const [k, v] of r.headers) {
    const lower = k.toLowerCase();
    if (lower === "content-length" || (lower === "host" && v === authority)) continue;
    parts.push("-H", q(`${k}: ${v}`));
  }
  if (r.body.length) parts.push("--data-binary", q(r.body.toString("utf8")));
  const cmd = parts.join(" ");
  return missing ? `${cmd}\n# ${missing}` : cmd;
}
