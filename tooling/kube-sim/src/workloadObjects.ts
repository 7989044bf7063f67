// Service, Deployment/StatefulSet and workload pod objects built from a scenario, shaped as the
// API returns them.
import type { ServiceSpec, WorkloadSpec } from "./scenario.ts";
import type { KObject } from "./store.ts";

export function serviceObject(v: ServiceSpec, clusterIP: string): KObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: v.name,
      namespace: v.namespace,
      labels: { ...v.selector },
      ...(v.annotations ? { annotations: { ...v.annotations } } : {}),
    },
    spec: {
      type: "ClusterIP",
      clusterIP,
      clusterIPs: [clusterIP],
      selector: v.selector,
      ports: v.ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol ?? "TCP",
      })),
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
    },
    status: { loadBalancer: {} },
  };
}

export const podLabels = (w: WorkloadSpec) => w.labels ?? { app: w.name };

function containers(w: WorkloadSpec) {
  return [
    {
      name: w.name,
      image: w.image ?? `kube-sim/${w.name}:latest`,
      ports: w.ports.map((p) => ({
        name: p.name,
        containerPort: p.containerPort,
        protocol: p.protocol ?? "TCP",
      })),
    },
  ];
}

/** The Deployment or StatefulSet a scenario workload stands for. */
export function workloadObject(w: WorkloadSpec): KObject {
  const replicas = w.replicas ?? 1;
  const stateful = w.kind === "StatefulSet";
  return {
    apiVersion: "apps/v1",
    kind: stateful ? "StatefulSet" : "Deployment",
    metadata: {
      name: w.name,
      namespace: w.namespace,
      labels: { ...podLabels(w) },
      ...(w.annotations ? { annotations: { ...w.annotations } } : {}),
      generation: 1,
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...podLabels(w) } },
      template: { metadata: { labels: { ...podLabels(w) } }, spec: { containers: containers(w) } },
      ...(stateful ? { serviceName: w.name, podManagementPolicy: "OrderedReady" } : {}),
    },
    status: {
      observedGeneration: 1,
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
    },
  };
}

/** A pod of a workload: a Deployment's through its ReplicaSet (hash), a StatefulSet's by ordinal. */
export function workloadPod(
  w: WorkloadSpec,
  id: { hash: string; suffix: string } | { ordinal: number },
): KObject {
  const stateful = "ordinal" in id;
  const name = stateful ? `${w.name}-${id.ordinal}` : `${w.name}-${id.hash}-${id.suffix}`;
  const labels = stateful
    ? { ...podLabels(w), "statefulset.kubernetes.io/pod-name": name }
    : { ...podLabels(w), "pod-template-hash": id.hash };
  const owner = stateful
    ? { kind: "StatefulSet", name: w.name, uid: `sts-${w.namespace}-${w.name}` }
    : { kind: "ReplicaSet", name: `${w.name}-${id.hash}`, uid: `rs-${id.hash}` };
  return {
    metadata: {
      name,
      namespace: w.namespace,
      labels,
      ...(stateful ? {} : { generateName: `${w.name}-${id.hash}-` }),
      ownerReferences: [
        { apiVersion: "apps/v1", ...owner, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: { containers: containers(w) },
  };
}
