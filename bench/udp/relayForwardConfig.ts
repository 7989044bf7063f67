// The relay forward the benchmark runs through kube-sim: a `proxy` workload to a target on the
// sim's host, as a user's config would hold it.
import type { ForwardConfig } from "../../packages/core/src/types.ts";

export function relayForwardConfig(
  id: number,
  kubeconfig: string,
  protocol: "udp" | "tcp",
  port: number,
): ForwardConfig {
  return {
    id,
    alias: `bench-${protocol}`,
    context: "sim",
    kubeconfig,
    namespace: "default",
    workload_type: "proxy",
    service: null,
    target: null,
    remote_address: "127.0.0.1",
    protocol,
    remote_port: port,
    local_port: 0,
    local_address: "127.0.0.1",
    domain_enabled: false,
  };
}
