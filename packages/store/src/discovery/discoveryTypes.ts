import type { ConfigDraft } from "../schema/config.ts";

export const ANNOTATION_CONFIGS = "kftray.app/configs";
export const ANNOTATION_ENABLED = "kftray.app/enabled";
export const ANNOTATION_FERRY = "ferry.dev/forwards";
/** The origin "annotation" of configs made by `allServices` from a Service with none. */
export const ALL_SERVICES = "(all services)";

export type DiscoveredKind = "Service" | "Deployment" | "StatefulSet";

export interface KubePort {
  name: string | null;
  /** The Service port, or the container port of a workload. */
  port: number;
  protocol: "tcp" | "udp";
}

/** What discovery needs of a Service, Deployment or StatefulSet. */
export interface DiscoveredObject {
  kind: DiscoveredKind;
  namespace: string;
  name: string;
  annotations: Record<string, string>;
  ports: KubePort[];
  /** A workload's selector as a label selector ("app=auth"); null for a Service. */
  selector: string | null;
  /** Why a workload's selector cannot be a pod target (matchExpressions), if so. */
  selectorProblem?: string;
}

/** Where a discovered config came from; `key` tells entries of one annotation apart across runs. */
export interface Origin {
  context: string;
  namespace: string;
  kind: DiscoveredKind;
  name: string;
  annotation: string;
  key: string;
}

export interface Candidate {
  draft: ConfigDraft & { alias: string };
  origin: Origin;
}

/** A Service or workload whose annotation (or namespace) could not be read, said exactly. */
export interface DiscoveryProblem {
  context: string;
  namespace: string;
  kind: DiscoveredKind | "Namespace";
  name: string;
  annotation: string | null;
  message: string;
}

/** One string that identifies an origin entry (the column origin_key holds it). */
export function originKey(o: Origin): string {
  return JSON.stringify([o.context, o.namespace, o.kind, o.name, o.annotation, o.key]);
}
