import type { Kube } from "../kube/getKube.ts";
import { apiStatus } from "../relay/relayPod.ts";

/**
 * Names of the service's Ready pods from its EndpointSlices, or from Endpoints when the cluster
 * has no EndpointSlice API. null when neither says anything (the caller then uses pods).
 */
export async function readyPodsFromEndpoints(
  kube: Kube,
  namespace: string,
  service: string,
): Promise<Set<string> | null> {
  try {
    const slices = await kube.discoveryApi.listNamespacedEndpointSlice({
      namespace,
      labelSelector: `kubernetes.io/service-name=${service}`,
    });
    if (slices.items.length > 0) {
      const names = new Set<string>();
      for (const s of slices.items)
        for (const e of s.endpoints ?? [])
          if (e.conditions?.ready !== false && e.targetRef?.kind === "Pod" && e.targetRef.name)
            names.add(e.targetRef.name);
      return names;
    }
  } catch (err) {
    if (apiStatus(err) !== 404) throw err;
  }
  try {
    const ep = await kube.coreApi.readNamespacedEndpoints({ name: service, namespace });
    const names = new Set<string>();
    for (const s of ep.subsets ?? [])
      for (const a of s.addresses ?? [])
        if (a.targetRef?.kind === "Pod" && a.targetRef.name) names.add(a.targetRef.name);
    return names;
  } catch (err) {
    if (apiStatus(err) === 404) return null;
    throw err;
  }
}
