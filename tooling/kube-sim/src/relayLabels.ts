// A relay pod is recognised by the labels Ferry puts on it (packages/core relayLabels.ts), not by
// its image: a pod template may run any image (the official Node image, a mirror, kftray's).
import type { KObject } from "./store.ts";

export const RELAY_LABELS = {
  "app.kubernetes.io/managed-by": "ferry",
  "app.kubernetes.io/component": "relay",
} as const;

export function isRelayPod(pod: KObject): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(RELAY_LABELS).every(([k, v]) => labels[k] === v);
}
