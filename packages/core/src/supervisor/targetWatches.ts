// The watches a TCP forward's pod choice reads: its target's pods and, for a service, the
// service's EndpointSlices (which pods take traffic, as kube-proxy decides), shared with every
// forward of the same target.

import type { V1EndpointSlice, V1Pod } from "@kubernetes/client-node";
import type { Kube } from "../kube/getKube.ts";
import type { TargetSpec } from "../resolve/resolveTarget.ts";
import { acquireWatch, type ListWatch, releaseWatch, type WatchOptions } from "./listWatch.ts";
import { ENDPOINT_SLICES, PODS } from "./watchKinds.ts";

export interface TargetWatches {
  pods: ListWatch<V1Pod>;
  /** null for label targets and clusters without the EndpointSlice API (or no right to it). */
  slices: ListWatch<V1EndpointSlice> | null;
  release(): void;
}

/** Resolves once the pods are listed; rejects (releasing what it took) when they cannot be. */
export async function watchTarget(
  kube: Kube,
  target: TargetSpec,
  options: WatchOptions,
): Promise<TargetWatches> {
  const pods = acquireWatch(kube, PODS, target.namespace, target.selector, options);
  try {
    await pods.synced();
  } catch (err) {
    releaseWatch(pods);
    throw err;
  }
  const slices = target.service ? await watchSlices(kube, target, options) : null;
  return {
    pods,
    slices,
    release() {
      releaseWatch(pods);
      if (slices) releaseWatch(slices);
    },
  };
}

async function watchSlices(
  kube: Kube,
  target: TargetSpec,
  options: WatchOptions,
): Promise<ListWatch<V1EndpointSlice> | null> {
  const w = acquireWatch(
    kube,
    ENDPOINT_SLICES,
    target.namespace,
    `kubernetes.io/service-name=${target.service}`,
    options,
  );
  try {
    await w.synced();
  } catch (err) {
    // No EndpointSlice API (old cluster) or not allowed to list it: pods alone decide.
    const code = (err as { code?: string }).code;
    if (code === "TARGET_NOT_FOUND" || code === "FORBIDDEN") {
      releaseWatch(w);
      return null;
    }
  }
  return w;
}
