// Which pods and which container port a config means. The rule for remote_port on a service:
// it is matched against the service's ports first (then the service port's targetPort, named or
// numbered, is the container port); when no service port has that number it is taken as a
// container port of the service's pods, which is what people who copy a port from the pod spec
// expect.

import type { V1Service } from "@kubernetes/client-node";
import { FerryForwardError } from "../errors.ts";
import { apiError } from "../kube/apiError.ts";
import type { Kube } from "../kube/getKube.ts";
import type { ForwardConfig } from "../types.ts";

/** A container port by number or by name (a named targetPort). */
export type PortRef = number | string;

export interface TargetSpec {
  namespace: string;
  /** Label selector in the API's string form. */
  selector: string;
  /** The service the selector came from, for EndpointSlices and messages. */
  service: string | null;
  port: PortRef;
  /** Human description, e.g. "service default/web:80 -> http". */
  describe: string;
}

export function selectorString(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/** The container port a service port number maps to (see the file comment for the rule). */
export function servicePortToTarget(
  service: V1Service,
  remotePort: number,
): { port: PortRef; via: string } {
  const ports = service.spec?.ports ?? [];
  const match = ports.find((p) => p.port === remotePort && (p.protocol ?? "TCP") === "TCP");
  if (match) {
    const target = match.targetPort ?? match.port;
    const port = typeof target === "string" && /^\d+$/.test(target) ? Number(target) : target;
    return { port, via: `service port ${remotePort} -> ${port}` };
  }
  return { port: remotePort, via: `no service port ${remotePort}; container port ${remotePort}` };
}

export async function resolveTarget(kube: Kube, config: ForwardConfig): Promise<TargetSpec> {
  const ns = config.namespace;
  if (config.workload_type === "pod") {
    const selector = config.target?.trim();
    if (!selector)
      throw new FerryForwardError(
        "BAD_CONFIG",
        `config "${config.alias}" has workload_type pod but no target label selector`,
      );
    return {
      namespace: ns,
      selector,
      service: null,
      port: config.remote_port,
      describe: `pods ${ns}/{${selector}}:${config.remote_port}`,
    };
  }
  const name = config.service?.trim();
  if (!name) throw new FerryForwardError("BAD_CONFIG", `config "${config.alias}" names no service`);
  let service: V1Service;
  try {
    service = await kube.coreApi.readNamespacedService({ name, namespace: ns });
  } catch (err) {
    throw apiError(err, kube, `service ${ns}/${name}`);
  }
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0)
    throw new FerryForwardError(
      "TARGET_NOT_FOUND",
      `service ${ns}/${name} has no selector, so no pod to forward to`,
    );
  const { port, via } = servicePortToTarget(service, config.remote_port);
  return {
    namespace: ns,
    selector: selectorString(selector),
    service: name,
    port,
    describe: `service ${ns}/${name} (${via})`,
  };
}
