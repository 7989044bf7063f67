import type { Config } from "../api/daemonApi.ts";

/** What a forward points at, as one short word: `svc/name:port`, `pods app=x`, `proxy host:port`. */
export function targetLabel(c: Config): string {
  if (c.workload_type === "pod") return `pods ${c.target ?? "?"}:${c.remote_port}`;
  if (c.workload_type === "proxy") return `proxy ${c.remote_address ?? "?"}:${c.remote_port}`;
  return `svc/${c.service ?? "?"}:${c.remote_port}`;
}

/**
 * The local end: `127.0.0.1:8080`. The port bound while running wins (a config asking for 0
 * gets a free one); `auto` when none is known yet.
 */
export function localLabel(c: Config, boundPort?: number | null): string {
  const port = boundPort
    ? String(boundPort)
    : c.local_port
      ? String(c.local_port)
      : c.local_port === 0
        ? "auto"
        : String(c.remote_port);
  return `${c.local_address}:${port}`;
}
