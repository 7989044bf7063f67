import type { V1Pod } from "@kubernetes/client-node";
import type { PortRef } from "./resolveTarget.ts";

export function isPodReady(pod: V1Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  if (pod.status?.phase !== "Running") return false;
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

/** The container port a pod serves for `ref`, or null when it has no such named port. */
export function containerPort(pod: V1Pod, ref: PortRef): number | null {
  if (typeof ref === "number") return ref;
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === ref) return p.containerPort;
  return null;
}
