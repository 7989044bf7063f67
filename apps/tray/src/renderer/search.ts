import { type Config, localText, targetText } from "@ferry/store/client";

/** Case-insensitive: every word in alias, context, group, namespace, target, ports or protocol. */
export function matchesSearch(c: Config, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  const local = localText({
    localAddress: c.local_address,
    localPort: c.local_port ?? c.remote_port,
  });
  const hay = [
    c.alias,
    c.context ?? "",
    c.namespace,
    targetText(c),
    local,
    c.protocol,
    c.group ?? "",
  ]
    .join(" ")
    .toLowerCase();
  return needle.split(/\s+/).every((word) => hay.includes(word));
}
