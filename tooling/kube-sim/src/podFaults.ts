// Failures a real cluster shows and the sim emulates on command: images that never pull and
// namespaces where nothing schedules. (Eviction is an action on one pod: Cluster.evictPod.)

export const UNSCHEDULABLE_MESSAGE =
  "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

export const EVICTED_MESSAGE =
  "The node was low on resource: memory. Threshold quantity: 100Mi, available: 64Mi. ";

export function pullFailure(image: string): { first: string; backOff: string } {
  return {
    first: `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": not found`,
    backOff: `Back-off pulling image "${image}"`,
  };
}

export type FaultRules = {
  /** Regular expressions (source text); a pod whose image matches one never pulls. */
  imagePullFailures?: string[];
  /** New pods in these namespaces ("*": any) stay Pending, unschedulable. */
  unschedulableNamespaces?: string[];
};

export class PodFaults {
  #pull: RegExp[] = [];
  #unschedulable = new Set<string>();

  constructor(rules: FaultRules = {}) {
    for (const p of rules.imagePullFailures ?? []) this.failImagePulls(p);
    for (const ns of rules.unschedulableNamespaces ?? []) this.setUnschedulable(ns, true);
  }

  failImagePulls(pattern: string | RegExp): void {
    this.#pull.push(typeof pattern === "string" ? new RegExp(pattern) : pattern);
  }

  clearImagePullFailures(): void {
    this.#pull = [];
  }

  pullFails(image: string): boolean {
    return this.#pull.some((r) => r.test(image));
  }

  setUnschedulable(ns: string, on: boolean): void {
    if (on) this.#unschedulable.add(ns);
    else this.#unschedulable.delete(ns);
  }

  unschedulable(ns: string): boolean {
    return this.#unschedulable.has(ns) || this.#unschedulable.has("*");
  }
}
