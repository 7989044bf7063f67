import type { ForwardConfig } from "../types.ts";

/** UDP forwards and proxy forwards go through a relay pod; TCP to a service or pod does not. */
export function needsRelay(config: Pick<ForwardConfig, "protocol" | "workload_type">): boolean {
  return config.protocol === "udp" || config.workload_type === "proxy";
}
