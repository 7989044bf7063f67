import type { FormValues } from "./configForm.ts";

/** What `kube.ports` is asked for a form's target: a service's ports, or a pod selector's. */
export type PortsQuery = { service: string } | { labelSelector: string };

/**
 * Which ports query a form's target asks for: a service forward by its service, a pod forward
 * (with a namespace) by its selector; null while the target is not filled in (or for a proxy).
 */
export function portsQueryOf(
  values: Pick<FormValues, "workload_type" | "service" | "namespace" | "target">,
): PortsQuery | null {
  if (values.workload_type === "service" && values.service) return { service: values.service };
  const selector = values.target.trim();
  if (values.workload_type === "pod" && values.namespace !== "" && selector)
    return { labelSelector: selector };
  return null;
}
