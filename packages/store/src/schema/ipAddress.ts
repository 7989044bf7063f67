import * as z from "zod";

// zod's address rules instead of node:net's isIP, so the schema runs in a browser too.
const ipv4 = z.ipv4();
const ipv6 = z.ipv6();

/** True for a literal IPv4 or IPv6 address (no brackets, no port). */
export function isIpAddress(text: string): boolean {
  return ipv4.safeParse(text).success || ipv6.safeParse(text).success;
}
