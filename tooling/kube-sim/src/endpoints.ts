// Endpoints and the EndpointSlice of one Service, as the endpoints controllers build them.
import { resolveTargetPort } from "./podObject.ts";
import type { KObject } from "./store.ts";

/** `pods`: the Service's pods that have an IP, are not terminating and not finished. */
export function endpointObjects(
  svc: KObject,
  pods: KObject[],
): { endpoints: KObject; slice: KObject } {
  const ns = svc.metadata.namespace as string;
  const isReady = (p: KObject) =>
    // biome-ignore lint/suspicious/noExplicitAny: open JSON.
    p.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True");
  const first = pods[0];
  // biome-ignore lint/suspicious/noExplicitAny: open JSON.
  const ports = svc.spec.ports.map((sp: any) => ({
    name: sp.name,
    port: first ? (resolveTargetPort(first, sp.targetPort) ?? sp.port) : sp.port,
    protocol: sp.protocol,
  }));
  const ref = (p: KObject) => ({
    kind: "Pod",
    namespace: ns,
    name: p.metadata.name,
    uid: p.metadata.uid,
  });
  const addr = (p: KObject) => ({
    ip: p.status.podIP,
    nodeName: "sim-node",
    targetRef: ref(p),
  });
  const subset: KObject | Record<string, unknown> = { ports };
  const ready = pods.filter(isReady).map(addr);
  const notReady = pods.filter((p) => !isReady(p)).map(addr);
  if (ready.length) subset.addresses = ready;
  if (notReady.length) subset.notReadyAddresses = notReady;
  const endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: svc.metadata.name, namespace: ns, labels: svc.metadata.labels },
    subsets: pods.length ? [subset] : [],
  };
  const slice = {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: `${svc.metadata.name}-${svc.metadata.uid.slice(0, 5)}`,
      namespace: ns,
      generateName: `${svc.metadata.name}-`,
      labels: {
        "kubernetes.io/service-name": svc.metadata.name,
        "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      },
      ownerReferences: [
        {
          apiVersion: "v1",
          kind: "Service",
          name: svc.metadata.name,
          uid: svc.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: "IPv4",
    endpoints: pods.map((p) => ({
      addresses: [p.status.podIP],
      conditions: { ready: !!isReady(p), serving: !!isReady(p), terminating: false },
      targetRef: ref(p),
      nodeName: "sim-node",
    })),
    ports,
  };
  return { endpoints, slice };
}
