// Pod and Service objects shaped as the real API shapes them.
import type { KObject } from "./store.ts";

export type PodState = "Pending" | "Running" | "Succeeded" | "Failed";
/** How a container ended, as `state.terminated` reports it. */
export type ContainerExit = { exitCode: number; reason: string };

function cond(type: string, ok: boolean, now: string, prev?: KObject) {
  // biome-ignore lint/suspicious/noExplicitAny: conditions are open JSON.
  const old = prev?.status?.conditions?.find((c: any) => c.type === type);
  const status = ok ? "True" : "False";
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now,
  };
}

/** What a container is doing while not running: pulling, backing off, crash-looping. */
export type Waiting = { reason: string; message?: string };

export type PodStatusInput = {
  phase: PodState;
  ready: boolean;
  podIP: string;
  /** How the container ended (Succeeded/Failed). */
  exit?: ContainerExit;
  /** `state.waiting` instead of ContainerCreating (Pending) or running (Running). */
  waiting?: Waiting;
  /** `lastState.terminated` after a restart. */
  lastTerminated?: ContainerExit & { startedAt: string; finishedAt: string };
  restartCount?: number;
  /** Never scheduled: PodScheduled False (Unschedulable) with this message, no node, no containers. */
  unschedulable?: string;
  /** Pod-level reason and message (`Evicted`). */
  reason?: string;
  message?: string;
};

/** Rewrites `pod.status` as the kubelet reports it, keeping transition times that did not change. */
export function setPodStatus(pod: KObject, input: PodStatusInput): KObject {
  const { phase, ready } = input;
  const now = new Date().toISOString();
  if (input.unschedulable !== undefined) {
    delete pod.spec.nodeName;
    pod.status = {
      phase: "Pending",
      conditions: [
        {
          ...cond("PodScheduled", false, now, pod),
          reason: "Unschedulable",
          message: input.unschedulable,
        },
      ],
      qosClass: "BestEffort",
    };
    return pod;
  }
  const started = phase !== "Pending";
  const running = phase === "Running" && !input.waiting;
  const isReady = running && ready;
  const startTime = pod.status?.startTime ?? now;
  // biome-ignore lint/suspicious/noExplicitAny: containers are open JSON.
  const containerStatuses = (pod.spec.containers ?? []).map((c: any) => {
    const prev = pod.status?.containerStatuses?.find(
      // biome-ignore lint/suspicious/noExplicitAny: open JSON.
      (s: any) => s.name === c.name,
    );
    const startedAt = prev?.state?.running?.startedAt ?? now;
    let state: object;
    if (input.waiting) state = { waiting: input.waiting };
    else if (phase === "Pending") state = { waiting: { reason: "ContainerCreating" } };
    else if (running) state = { running: { startedAt } };
    else
      state = {
        terminated: {
          exitCode: input.exit?.exitCode ?? 0,
          reason: input.exit?.reason ?? (phase === "Succeeded" ? "Completed" : "Error"),
          startedAt,
          finishedAt: now,
        },
      };
    return {
      name: c.name,
      image: c.image,
      imageID: phase === "Pending" ? "" : `sim://${c.image}`,
      containerID: `sim://${pod.metadata.uid}/${c.name}`,
      ready: isReady,
      started: running,
      restartCount: input.restartCount ?? 0,
      state,
      lastState: input.lastTerminated ? { terminated: input.lastTerminated } : {},
    };
  });
  const conditions = [
    cond("PodReadyToStartContainers", started, now, pod),
    cond("Initialized", true, now, pod),
    cond("Ready", isReady, now, pod),
    cond("ContainersReady", isReady, now, pod),
    cond("PodScheduled", true, now, pod),
  ];
  if (input.reason === "Evicted")
    conditions.unshift({
      ...cond("DisruptionTarget", true, now, pod),
      reason: "TerminationByKubelet",
      message: input.message,
    } as ReturnType<typeof cond>);
  pod.status = {
    phase,
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.message ? { message: input.message } : {}),
    conditions,
    hostIP: "10.0.0.2",
    hostIPs: [{ ip: "10.0.0.2" }],
    podIP: started ? input.podIP : undefined,
    podIPs: started ? [{ ip: input.podIP }] : undefined,
    startTime,
    containerStatuses,
    qosClass: "BestEffort",
  };
  if (!started) {
    delete pod.status.podIP;
    delete pod.status.podIPs;
  }
  return pod;
}

/** Fills the spec defaults the API server would add to a created pod. */
export function defaultPodSpec(pod: KObject): KObject {
  pod.apiVersion = "v1";
  pod.kind = "Pod";
  pod.metadata.labels ??= {};
  pod.spec ??= {};
  pod.spec.containers ??= [];
  pod.spec.nodeName ??= "sim-node";
  pod.spec.restartPolicy ??= "Always";
  pod.spec.dnsPolicy ??= "ClusterFirst";
  pod.spec.schedulerName ??= "default-scheduler";
  pod.spec.terminationGracePeriodSeconds ??= 30;
  for (const c of pod.spec.containers) {
    c.imagePullPolicy ??= "IfNotPresent";
    for (const p of c.ports ?? []) p.protocol ??= "TCP";
  }
  return pod;
}

/** The container port a service `targetPort` names on this pod (number, or port name). */
export function resolveTargetPort(pod: KObject, target: number | string): number | undefined {
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  }
  return undefined;
}
