import { type Kube, loadClientNode } from "@ferry/core";
import type { AppsV1Api } from "@kubernetes/client-node";

/**
 * `kube`'s AppsV1Api. client-node comes from core's loadClientNode (loaded on first use, the same
 * instance core uses; issue 16: a ferryd that makes no kube call never loads it).
 */
export async function appsApiOf(kube: Kube): Promise<AppsV1Api> {
  return kube.kc.makeApiClient((await loadClientNode()).AppsV1Api);
}
