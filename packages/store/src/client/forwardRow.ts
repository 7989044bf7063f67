import type { ForwardStatus } from "@ferry/core";
import type { ForwardRow } from "../api/contextTypes.ts";
import type { Config } from "../schema/config.ts";
import { targetText } from "./targetText.ts";

/** A config joined with its live status, or its `stopped` row when no engine ran it (status null). */
export function forwardRow(config: Config, status: ForwardStatus | null): ForwardRow {
  return {
    id: config.id,
    alias: config.alias,
    context: config.context,
    namespace: config.namespace,
    target: targetText(config),
    localAddress: status?.localAddress ?? config.local_address,
    localPort: status?.localPort ?? config.local_port ?? config.remote_port,
    state: status?.state ?? "stopped",
    pod: status?.pod ?? null,
    error: status?.error ?? null,
    connections: status?.connections ?? 0,
    bytesIn: status?.bytesIn ?? 0,
    bytesOut: status?.bytesOut ?? 0,
    since: status?.since ?? 0,
    httpLog: status?.httpLog ?? { enabled: false, file: null, exchanges: 0 },
  };
}
