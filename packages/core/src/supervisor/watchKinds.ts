import type { V1EndpointSlice, V1Pod } from "@kubernetes/client-node";
import type { WatchKind } from "./listWatch.ts";

export const PODS: WatchKind<V1Pod> = {
  resource: "pods",
  prefix: "/api/v1",
  list: (kube, namespace, labelSelector) =>
    kube.coreApi.listNamespacedPod({ namespace, labelSelector }),
};

export const ENDPOINT_SLICES: WatchKind<V1EndpointSlice> = {
  resource: "endpointslices",
  prefix: "/apis/discovery.k8s.io/v1",
  list: (kube, namespace, labelSelector) =>
    kube.discoveryApi.listNamespacedEndpointSlice({ namespace, labelSelector }),
};

/** Names of the pods a service's EndpointSlices list as ready. */
export function readyEndpointPods(slices: Iterable<V1EndpointSlice>): Set<string> {
  const names = new Set<string>();
  for (const s of slices)
    for (const e of s.endpoints ?? [])
      if (e.conditions?.ready !== false && e.targetRef?.kind === "Pod" && e.targetRef.name)
        names.add(e.targetRef.name);
  return names;
}
