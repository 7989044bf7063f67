import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

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
