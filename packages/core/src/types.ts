// The engine's boundary types. The store's zod-validated Config is assignable to ForwardConfig:
// the field names are the kftray JSON names, so no mapping layer sits between the two.

import type { HttpExchangeSummary, HttpLogSettings } from "@ferry/http-log";

export type { HttpExchangeSummary, HttpLogSettings };

export type WorkloadType = "service" | "pod" | "proxy";
export type Protocol = "tcp" | "udp";

export interface ForwardConfig {
  id: number;
  alias: string;
  /** Kube context name; null, "" or "@current" mean the kubeconfig's current context. */
  context: string | null;
  /** Kubeconfig path(s), ":"-joined, "~" allowed; null or "default" mean $KUBECONFIG or ~/.kube/config. */
  kubeconfig: string | null;
  namespace: string;
  workload_type: WorkloadType;
  service: string | null;
  /** Pod label selector, e.g. "app=auth". */
  target: string | null;
  remote_address: string | null;
  protocol: Protocol;
  remote_port: number;
  /** null = same as remote_port; 0 = pick a free port and report it. */
  local_port: number | null;
  local_address: string;
  domain_enabled: boolean;
  /** HTTP traffic log of a TCP forward (issue 17); null or absent: off. */
  http_log?: HttpLogSettings | null;
}

export type ForwardState = "starting" | "running" | "reconnecting" | "error" | "stopped";

export interface ForwardError {
  /** Stable machine-readable code, e.g. PORT_IN_USE, UNKNOWN_CONTEXT, CLUSTER_UNREACHABLE. */
  code: string;
  /** A message a person can act on. */
  message: string;
}

export interface ForwardStatus {
  id: number;
  alias: string;
  state: ForwardState;
  /** "namespace/name" of the pod new connections go to, when known. */
  pod: string | null;
  localAddress: string;
  /** The port actually bound (differs from the config when it asked for 0). */
  localPort: number | null;
  error: ForwardError | null;
  connections: number;
  bytesIn: number;
  bytesOut: number;
  /** Epoch ms of the last state change. */
  since: number;
  /** The HTTP log: on or off, its file (once the port is bound), exchanges logged since start. */
  httpLog: HttpLogStatus;
}

export interface HttpLogStatus {
  enabled: boolean;
  file: string | null;
  exchanges: number;
}

export type ForwardEvent =
  | { type: "status"; status: ForwardStatus }
  | { type: "log"; id: number; level: "info" | "warn" | "error"; message: string; at: number }
  | {
      type: "traffic";
      id: number;
      bytesIn: number;
      bytesOut: number;
      connections: number;
      at: number;
    }
  | { type: "http"; id: number; exchange: HttpExchangeSummary; at: number };
