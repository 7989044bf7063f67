import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { RelayConfig } from "./config.ts";

export interface ResolvedRemote {
  address: string;
  family: 4 | 6;
}

/**
 * Resolved for every connection rather than once at start, so a remote whose DNS record moves
 * (a managed database failing over) is followed without restarting the relay.
 */
export async function resolveRemote(host: string): Promise<ResolvedRemote> {
  const literal = isIP(host);
  if (literal === 4 || literal === 6) return { address: host, family: literal };
  const found = await lookup(host);
  return { address: found.address, family: found.family === 6 ? 6 : 4 };
}

/** The prefix of the line a failed connection to the remote prints, once per failure. */
export const CONNECT_FAILED_PREFIX = "ferry-relay: connect ";

/**
 * `ferry-relay: connect <host>:<port> failed: <CODE> <message>`, one line, with the host as
 * configured (what the user typed), so Ferry's client can quote it from the pod log.
 */
export function connectFailedLine(
  config: Pick<RelayConfig, "remoteAddress" | "remotePort">,
  err: NodeJS.ErrnoException,
): string {
  const message = err.message.replace(/\s+/g, " ").trim();
  return `${CONNECT_FAILED_PREFIX}${config.remoteAddress}:${config.remotePort} failed: ${err.code ?? "ERROR"} ${message}`;
}
