import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export interface GuardOptions {
  port: number;
  token: string;
  /** Extra browser origins allowed to call (the tray renderer's), e.g. http://127.0.0.1:5173. */
  allowedOrigins: readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** The Host values a request to our own loopback listener may carry. */
function ownHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function originAllowed(origin: string | undefined, options: GuardOptions): boolean {
  if (origin === undefined) return true; // not a browser (CLI, TUI, tray main process)
  const own = [`http://127.0.0.1:${options.port}`, `http://localhost:${options.port}`];
  return own.includes(origin) || options.allowedOrigins.includes(origin);
}

/**
 * The token from `Authorization: Bearer x`; on a WebSocket upgrade also from `?token=x` (a
 * browser cannot set headers there). Anywhere else a URL token is ignored: URLs end up in
 * histories and logs.
 */
export function requestToken(req: IncomingMessage, upgrade = false): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim();
  if (!upgrade) return null;
  return new URL(req.url ?? "/", "http://x").searchParams.get("token");
}

function sameToken(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * DNS-rebinding defence first (Host and Origin must be ours), then the bearer token. A page on
 * evil.example that rebinds its name to 127.0.0.1 still sends `Host: evil.example`.
 */
export function checkRequest(
  req: IncomingMessage,
  options: GuardOptions,
  token: "required" | "none" | "upgrade" = "required",
): GuardVerdict {
  const host = req.headers.host;
  if (host === undefined || !ownHosts(options.port).has(host.toLowerCase())) {
    return {
      ok: false,
      status: 403,
      message: `foreign Host header ${JSON.stringify(host ?? null)}`,
    };
  }
  const origin = req.headers.origin;
  if (!originAllowed(origin, options)) {
    return { ok: false, status: 403, message: `foreign Origin ${JSON.stringify(origin)}` };
  }
  if (token !== "none" && !sameToken(requestToken(req, token === "upgrade"), options.token)) {
    return { ok: false, status: 401, message: "missing or wrong token (see daemon.json)" };
  }
  return { ok: true };
}
