import type { ForwardError } from "./types.ts";

export type FerryErrorCode =
  | "UNKNOWN_CONTEXT"
  | "KUBECONFIG_UNREADABLE"
  | "KUBECONFIG_UNWRITABLE"
  | "CLUSTER_UNREACHABLE"
  | "FORBIDDEN"
  | "TARGET_NOT_FOUND"
  | "PORT_NOT_FOUND"
  | "NO_READY_POD"
  | "PORT_IN_USE"
  | "LISTEN_FAILED"
  | "BAD_CONFIG"
  | "PORT_FORWARD_FAILED"
  | "ALREADY_RUNNING"
  | "KUBE_CLIENT_NOT_LOADED";

/**
 * The one base of Ferry's coded errors: a stable machine-readable `code` and a message a person
 * can act on. Every layer maps errors with `instanceof FerryError`.
 */
export class FerryError<C extends string = string> extends Error {
  readonly code: C;
  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An engine failure (kube access, target, port, port-forward). */
export class FerryForwardError extends FerryError<FerryErrorCode> {}

/**
 * The kubelet could not reach the port inside the pod (its error-channel message): that one
 * connection fails; the pod and the forward are fine as far as Kubernetes can tell.
 */
export class PodPortRefusedError extends FerryForwardError {
  constructor(message: string) {
    super("PORT_FORWARD_FAILED", message);
  }
}

/** Any thrown value as the `{ code, message }` a ForwardStatus carries. */
export function toForwardError(err: unknown, fallback = "FORWARD_FAILED"): ForwardError {
  const code = (err as { code?: unknown })?.code;
  return {
    code: err instanceof FerryError || typeof code === "string" ? String(code) : fallback,
    message: err instanceof Error ? err.message : String(err),
  };
}
