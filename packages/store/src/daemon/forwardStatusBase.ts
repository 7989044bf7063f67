import type { ForwardStatus } from "@ferry/core";

type Addressed = {
  id: number;
  alias: string;
  local_address: string;
  local_port?: number | null;
  remote_port: number;
};

/** A stopped forward's status fields, before any engine has reported on it. */
export function forwardStatusBase(config: Addressed): Omit<ForwardStatus, "state" | "error"> {
  return {
    id: config.id,
    alias: config.alias,
    pod: null,
    localAddress: config.local_address,
    localPort: config.local_port ?? config.remote_port,
    connections: 0,
    bytesIn: 0,
    bytesOut: 0,
    since: Date.now(),
    httpLog: { enabled: false, file: null, exchanges: 0 },
  };
}
