// Create a relay pod, wait until it is Ready (bounded), delete it. Every failure becomes a
// RelayError naming the cause a person can fix, and a pod that never got Ready is deleted.
import { setTimeout as sleep } from "node:timers/promises";
import type { CoreV1Api, V1Pod } from "@kubernetes/client-node";
import { RelayError } from "./relayErrors.ts";

export interface PodRef {
  namespace: string;
  name: string;
}

export const DEFAULT_READY_TIMEOUT_MS = 60_000;
const POLL_MS = 250;

const IMAGE_PULL = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "InvalidImageName",
  "ErrImageNeverPull",
]);
const CONTAINER_FAIL = new Set([
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
]);

interface HttpishError {
  code?: number;
  body?: unknown;
}

export function apiStatus(err: unknown): number | undefined {
  const code = (err as HttpishError)?.code;
  if (typeof code === "number") return code;
  // client-node's Watch rejects with a plain Error carrying `statusCode` (a 401 was read as
  // "cannot reach the cluster").
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

export function apiMessage(err: unknown): string {
  const body = (err as HttpishError)?.body;
  if (typeof body === "string") {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  if (body && typeof body === "object" && "message" in body)
    return String((body as { message: unknown }).message);
  return (err as Error)?.message ?? String(err);
}

export async function createRelayPod(api: CoreV1Api, pod: V1Pod): Promise<PodRef> {
  const namespace = pod.metadata!.namespace!;
  try {
    await api.createNamespacedPod({ namespace, body: pod });
  } catch (err) {
    if (apiStatus(err) === 403)
      throw new RelayError(
        "RELAY_FORBIDDEN",
        `Ferry may not create pods in namespace "${namespace}" (forbidden: ${apiMessage(err)}). UDP and proxy forwards run a relay pod there: get "create pods" in that namespace, or pick another namespace for this forward.`,
      );
    throw new RelayError(
      "RELAY_CREATE_FAILED",
      `could not create the relay pod in namespace "${namespace}": ${apiMessage(err)}`,
    );
  }
  return { namespace, name: pod.metadata!.name! };
}

export async function deleteRelayPod(api: CoreV1Api, ref: PodRef): Promise<void> {
  try {
    await api.deleteNamespacedPod({
      name: ref.name,
      namespace: ref.namespace,
      gracePeriodSeconds: 0,
    });
  } catch (err) {
    if (apiStatus(err) !== 404) throw err;
  }
}

export type PodHealth =
  | { kind: "ready" }
  | { kind: "waiting"; detail: string }
  | { kind: "failed"; error: RelayError };

/** Reads a pod's status the way a person would: is it Ready, still coming, or stuck for good? */
export function podHealth(pod: V1Pod, manifestFile: string): PodHealth {
  const ref = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  const status = pod.status ?? {};
  for (const cs of status.containerStatuses ?? []) {
    const waiting = cs.state?.waiting;
    if (waiting?.reason && IMAGE_PULL.has(waiting.reason))
      return {
        kind: "failed",
        error: new RelayError(
          "RELAY_IMAGE_PULL",
          `relay pod ${ref} cannot pull its image "${cs.image}" (${waiting.reason}${waiting.message ? `: ${waiting.message}` : ""}). Set an image the cluster can pull (for example a mirror in your registry) in ${manifestFile}.`,
        ),
      };
    if (waiting?.reason && CONTAINER_FAIL.has(waiting.reason))
      return {
        kind: "failed",
        error: new RelayError(
          "RELAY_FAILED",
          `relay pod ${ref} cannot run (${waiting.reason}${waiting.message ? `: ${waiting.message}` : ""}); check ${manifestFile}.`,
        ),
      };
  }
  const scheduled = status.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable")
    return {
      kind: "failed",
      error: new RelayError(
        "RELAY_UNSCHEDULABLE",
        `relay pod ${ref} cannot be scheduled: ${scheduled.message ?? "no node has room"}. Free capacity, or lower the relay's resources or add tolerations in ${manifestFile}.`,
      ),
    };
  if (status.phase === "Failed" || status.phase === "Succeeded") {
    const term = status.containerStatuses?.[0]?.state?.terminated;
    // The pod's own reason first (Evicted: "The node was low on resource: memory..."), then the
    // container's.
    const why = [
      status.phase,
      status.reason,
      term?.reason,
      term?.exitCode !== undefined ? `exit code ${term.exitCode}` : undefined,
    ].filter(Boolean);
    return {
      kind: "failed",
      error: new RelayError(
        "RELAY_FAILED",
        `relay pod ${ref} ended (${why.join(", ")})${status.message ? `: ${status.message}` : ""}.`,
      ),
    };
  }
  if (pod.metadata?.deletionTimestamp)
    return {
      kind: "failed",
      error: new RelayError("RELAY_FAILED", `relay pod ${ref} is being deleted.`),
    };
  const ready = status.conditions?.find((c) => c.type === "Ready");
  if (status.phase === "Running" && ready?.status === "True") return { kind: "ready" };
  const waitingReason = status.containerStatuses?.[0]?.state?.waiting?.reason;
  return {
    kind: "waiting",
    detail: `phase ${status.phase ?? "unknown"}${waitingReason ? `, ${waitingReason}` : ""}`,
  };
}

const LOG_LINES = 5;

/**
 * A relay that ran and failed (a crashing command, a bad environment) says why in its own output:
 * the error quotes its last log lines. Pods that never ran (image, scheduling) have none.
 */
export async function withLogTail(
  api: CoreV1Api,
  ref: PodRef,
  err: RelayError,
): Promise<RelayError> {
  if (err.code !== "RELAY_FAILED") return err;
  const log = await api
    .readNamespacedPodLog({ name: ref.name, namespace: ref.namespace, tailLines: LOG_LINES })
    .catch(() => "");
  const lines = String(log).trim().split("\n").filter(Boolean).slice(-LOG_LINES);
  if (lines.length === 0) return err;
  return new RelayError(err.code, `${err.message} Its last log lines: ${lines.join(" | ")}`);
}

export async function readPod(api: CoreV1Api, ref: PodRef): Promise<V1Pod | null> {
  try {
    return await api.readNamespacedPod({ name: ref.name, namespace: ref.namespace });
  } catch (err) {
    if (apiStatus(err) === 404) return null;
    throw err;
  }
}

export async function waitRelayReady(
  api: CoreV1Api,
  ref: PodRef,
  manifestFile: string,
  timeoutMs: number = DEFAULT_READY_TIMEOUT_MS,
  signal?: AbortSignal,
): Promise<V1Pod> {
  const deadline = Date.now() + timeoutMs;
  let last = "not created yet";
  for (;;) {
    signal?.throwIfAborted();
    const pod = await readPod(api, ref);
    if (!pod)
      throw new RelayError(
        "RELAY_FAILED",
        `relay pod ${ref.namespace}/${ref.name} disappeared while starting.`,
      );
    const health = podHealth(pod, manifestFile);
    if (health.kind === "ready") return pod;
    if (health.kind === "failed") throw await withLogTail(api, ref, health.error);
    last = health.detail;
    if (Date.now() >= deadline)
      throw new RelayError(
        "RELAY_NOT_READY",
        `relay pod ${ref.namespace}/${ref.name} was not Ready after ${Math.round(timeoutMs / 1000)}s (${last}). Check the image and resources in ${manifestFile}, and \`kubectl describe pod -n ${ref.namespace} ${ref.name}\`.`,
      );
    await sleep(POLL_MS, undefined, { signal });
  }
}

/** Create + wait; on any failure the pod is deleted before the error is returned. */
export async function startRelayPod(
  api: CoreV1Api,
  pod: V1Pod,
  manifestFile: string,
  timeoutMs?: number,
  signal?: AbortSignal,
): Promise<PodRef> {
  const ref = await createRelayPod(api, pod);
  try {
    await waitRelayReady(api, ref, manifestFile, timeoutMs, signal);
    return ref;
  } catch (err) {
    await deleteRelayPod(api, ref).catch(() => {});
    throw err;
  }
}
