import { isIpAddress } from "./ipAddress.ts";

// RFC 1123 host names: labels of letters, digits and '-', not starting or ending with '-',
// at most 63 each and 253 in all. (Upper case is allowed: DNS is case-insensitive.)
const LABEL = /^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/;

function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = (text.endsWith(".") ? text.slice(0, -1) : text).split(".");
  return labels.every((l) => l.length <= 63 && LABEL.test(l));
}

/** A host the relay can connect to: an RFC 1123 host name, an IPv4 or an IPv6 address. */
export function isHostAddress(text: string): boolean {
  return isHostName(text) || isIpAddress(text);
}

/**
 * The host inside a URL-like or `host:port` value (`http://db:6379/x` -> `db`), when there is
 * one that would be valid on its own; null otherwise.
 */
export function hostPartOf(text: string): string | null {
  let rest = text.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  rest = rest.replace(/^[^@/]*@/, "").split(/[/?#]/)[0] ?? "";
  const bracketed = /^\[([^\]]+)\](:\d*)?$/.exec(rest);
  const host = bracketed ? (bracketed[1] ?? "") : rest.replace(/:\d*$/, "");
  return host !== text && isHostAddress(host) ? host : null;
}
