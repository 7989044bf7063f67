import type { Kube } from "@ferry/core";
import type { AppsV1Api } from "@kubernetes/client-node";

/** `kube`'s AppsV1Api, with client-node's parts loaded on first use (see clientNodeParts.ts). */
export async function appsApiOf(kube: Kube): Promise<AppsV1Api> {
  const { AppsV1Api } = await import("./clientNodeParts.ts");
  return kube.kc.makeApiClient(AppsV1Api);
}
