import type { Kube } from "@ferry/core";
import type { AppsV1Api } from "@kubernetes/client-node";

/**
 * `kube`'s AppsV1Api, with @kubernetes/client-node loaded on first use: a ferryd that makes no
 * kube call never loads it (issue 16, idle RSS). Later calls reuse the loaded module.
 */
export async function appsApiOf(kube: Kube): Promise<AppsV1Api> {
  const { AppsV1Api } = await import("@kubernetes/client-node");
  return kube.kc.makeApiClient(AppsV1Api);
}
