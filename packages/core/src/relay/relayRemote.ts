// Where the relay sends traffic. Proxy forwards name it (remote_address); UDP forwards to a
// service go to the service's cluster address, and UDP forwards to pods to a Ready pod's IP.
import type { CoreV1Api, V1Pod } from "@kubernetes/client-node";
import type { ForwardConfig } from "../types.ts";
import { RelayError } from "./relayErrors.ts";
import { apiMessage } from "./relayPod.ts";

export interface RelayRemote {
  address: string;
  port: number;
  protocol: "tcp" | "udp";
}

function isReady(pod: V1Pod): boolean {
  return (
    pod.status?.phase === "Running" &&
    !pod.metadata?.deletionTimestamp &&
    (pod.status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
  );
}

async function readyPodIp(
  api: CoreV1Api,
  namespace: string,
  labelSelector: string,
  what: string,
): Promise<string> {
  const pods = await api.listNamespacedPod({ namespace, labelSelector });
  const pod = pods.items.find((p) => isReady(p) && p.status?.podIP);
  if (!pod)
    throw new RelayError(
      "RELAY_UNREACHABLE",
      `no Ready pod with an IP for ${what} in namespace "${namespace}".`,
    );
  return pod.status!.podIP!;
}

export async function relayRemote(api: CoreV1Api, config: ForwardConfig): Promise<RelayRemote> {
  const protocol = config.protocol;
  if (config.workload_type === "proxy") {
    if (!config.remote_address)
      throw new RelayError(
        "RELAY_UNREACHABLE",
        `proxy forward "${config.alias}" has no remote_address.`,
      );
    return { address: config.remote_address, port: config.remote_port, protocol };
  }
  try {
    if (config.workload_type === "service") {
      const name = config.service ?? "";
      const svc = await api.readNamespacedService({ name, namespace: config.namespace });
      // remote_port is the container (target) port, as for TCP forwards; the relay talks to the
      // cluster address, so it needs the matching service port (often the same number).
      const ports = svc.spec?.ports ?? [];
      const match =
        ports.find(
          (p) =>
            p.targetPort === config.remote_port && (p.protocol ?? "TCP") === protocol.toUpperCase(),
        ) ??
        ports.find((p) => p.port === config.remote_port) ??
        ports.find((p) => p.targetPort === config.remote_port);
      const port = match?.port ?? config.remote_port;
      const clusterIP = svc.spec?.clusterIP;
      if (clusterIP && clusterIP !== "None") return { address: clusterIP, port, protocol };
      // Headless: no cluster address, so one Ready pod of its selector.
      const selector = Object.entries(svc.spec?.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      if (!selector)
        return {
          address: `${name}.${config.namespace}.svc.cluster.local`,
          port: config.remote_port,
          protocol,
        };
      return {
        address: await readyPodIp(api, config.namespace, selector, `service "${name}"`),
        port: config.remote_port,
        protocol,
      };
    }
    const selector = config.target ?? "";
    return {
      address: await readyPodIp(api, config.namespace, selector, `pods "${selector}"`),
      port: config.remote_port,
      protocol,
    };
  } catch (err) {
    if (err instanceof RelayError) throw err;
    throw new RelayError(
      "RELAY_UNREACHABLE",
      `cannot find where the relay should send "${config.alias}" traffic: ${apiMessage(err)}`,
    );
  }
}
