import type { Config, ConfigDraft } from "../schema/config.ts";

/**
 * Two configs are "the same" (import skips or updates instead of adding) when these match:
 * context, namespace, workload type, protocol, what it points at, and the ports.
 */
export function identityKey(c: ConfigDraft | Config): string {
  const pointsAt = c.service ?? c.target ?? c.remote_address;
  return JSON.stringify([
    c.context,
    c.namespace,
    c.workload_type,
    c.protocol,
    pointsAt,
    c.remote_port,
    c.local_port ?? c.remote_port,
  ]);
}
