import type { CoreV1Api, V1Pod } from "@kubernetes/client-node";
import { CONFIG_ID_LABEL, ownerSelector } from "./relayLabels.ts";
import { apiMessage, apiStatus, deleteRelayPod, type PodRef } from "./relayPod.ts";

export interface SweepOptions {
  /** This machine's owner id (relayOwnerId()). Pods of other owners are never touched. */
  owner: string;
  /** Config ids whose forward is running now: their relay pods are kept. */
  keep?: ReadonlySet<number>;
  /** Namespaces to look in; without it, all namespaces (needs cluster-wide list). */
  namespaces?: readonly string[];
}

export interface SweepResult {
  deleted: PodRef[];
  /** Namespaces that could not be listed or cleaned, with the reason. */
  problems: string[];
}

/**
 * Deletes this owner's relay pods whose config is not running: pods orphaned by a crash or a
 * kill -9. Called on daemon start and on demand. Listing is per namespace when namespaces are
 * given, so a user without cluster-wide rights still gets their namespaces swept.
 */
export async function sweepRelayPods(api: CoreV1Api, options: SweepOptions): Promise<SweepResult> {
  const labelSelector = ownerSelector(options.owner);
  const result: SweepResult = { deleted: [], problems: [] };
  const pods: V1Pod[] = [];
  const scopes = options.namespaces ? [...new Set(options.namespaces)] : [null];
  for (const ns of scopes) {
    try {
      const list = ns
        ? await api.listNamespacedPod({ namespace: ns, labelSelector })
        : await api.listPodForAllNamespaces({ labelSelector });
      pods.push(...list.items);
    } catch (err) {
      result.problems.push(
        `${ns ?? "all namespaces"}: cannot list pods (${apiStatus(err) ?? "error"}: ${apiMessage(err)})`,
      );
    }
  }
  for (const pod of pods) {
    const id = Number(pod.metadata?.labels?.[CONFIG_ID_LABEL]);
    if (options.keep?.has(id)) continue;
    const ref = { namespace: pod.metadata!.namespace!, name: pod.metadata!.name! };
    try {
      await deleteRelayPod(api, ref);
      result.deleted.push(ref);
    } catch (err) {
      result.problems.push(`${ref.namespace}/${ref.name}: cannot delete (${apiMessage(err)})`);
    }
  }
  return result;
}
