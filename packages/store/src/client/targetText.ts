import type { Config } from "../schema/config.ts";

type Targeted = Pick<
  Config,
  "workload_type" | "service" | "target" | "remote_address" | "remote_port" | "protocol"
>;

/**
 * What a forward points at, one way everywhere: `svc/web:80`, `pod/app=auth:8080`,
 * `proxy/db.internal:5432`, with `/udp` after UDP ones. `ForwardRow.target` is this text.
 */
export function targetText(config: Targeted): string {
  const what =
    config.workload_type === "service"
      ? `svc/${config.service ?? "?"}`
      : config.workload_type === "pod"
        ? `pod/${config.target ?? "?"}`
        : `proxy/${config.remote_address ?? "?"}`;
  return `${what}:${config.remote_port}${config.protocol === "udp" ? "/udp" : ""}`;
}

/** The local end: `127.0.0.1:8080`; `auto` for a port 0 not yet bound. */
export function localText(row: { localAddress: string; localPort: number | null }): string {
  return `${row.localAddress}:${row.localPort ? row.localPort : "auto"}`;
}
