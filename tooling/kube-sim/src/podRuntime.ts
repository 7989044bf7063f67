// What the sim keeps about a pod besides its API object: where its ports really listen, its
// container process and log, and the state its status is rendered from.
import type { Backend } from "./backends.ts";
import type { ContainerProcess } from "./containerRunner.ts";
import type { PodLog } from "./podLog.ts";
import type { ContainerExit, PodState, PodStatusInput, Waiting } from "./podObject.ts";
import type { WorkloadSpec } from "./scenario.ts";
import type { Target } from "./serviceProxy.ts";

export type PodRuntime = {
  ns: string;
  name: string;
  podIP: string;
  workload?: WorkloadSpec;
  /** A StatefulSet pod's ordinal. */
  ordinal?: number;
  /** containerPort/protocol → where it really listens. */
  ports: Map<string, Target>;
  backends: Backend[];
  container?: ContainerProcess;
  log: PodLog;
  phase: PodState;
  ready: boolean;
  readyOverride?: boolean;
  timers: NodeJS.Timeout[];
  forwards: Set<() => void>;
  exit?: ContainerExit;
  waiting?: Waiting;
  restartCount: number;
  lastTerminated?: PodStatusInput["lastTerminated"];
  unschedulable?: string;
  evicted?: string;
};

export const portKey = (port: number, protocol = "TCP") => `${port}/${protocol.toUpperCase()}`;

/** The status a pod's runtime state renders to (podObject.ts setPodStatus). */
export function statusInput(rt: PodRuntime): PodStatusInput {
  return {
    phase: rt.phase,
    ready: rt.readyOverride ?? rt.ready,
    podIP: rt.podIP,
    exit: rt.exit,
    waiting: rt.waiting,
    restartCount: rt.restartCount,
    lastTerminated: rt.lastTerminated,
    unschedulable: rt.unschedulable,
    ...(rt.evicted ? { reason: "Evicted", message: rt.evicted } : {}),
  };
}
