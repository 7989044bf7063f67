import type { KubeSim } from "@ferry/kube-sim";

/** A config for kube-sim's demo `frontend-service` on a free local port, as a user would add it. */
export const frontendConfig = (sim: KubeSim, alias: string) => ({
  alias,
  kubeconfig: sim.kubeconfigPath,
  context: "dev-cluster",
  namespace: "webapp",
  workload_type: "service" as const,
  service: "frontend-service",
  remote_port: 80,
  local_port: 0,
});
