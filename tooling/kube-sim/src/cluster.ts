// The cluster's state machine: namespaces, services, workload pods backed by real servers, relay
// pods running the real relay, readiness, endpoints, and the replacing controller.
import { randomBytes } from "node:crypto";
import { Access } from "./access.ts";
import { startBackend } from "./backends.ts";
import { ClusterNetwork } from "./clusterNetwork.ts";
import { endpointObjects } from "./endpoints.ts";
import { mergePatch } from "./patch.ts";
import { EVICTED_MESSAGE, PodFaults, pullFailure, UNSCHEDULABLE_MESSAGE } from "./podFaults.ts";
import type { LogQuery } from "./podLog.ts";
import { PodLog } from "./podLog.ts";
import { defaultPodSpec, type PodState, setPodStatus } from "./podObject.ts";
import { type PodRuntime, portKey, statusInput } from "./podRuntime.ts";
import { type RelayHost, relayContainerSpec, runRelayContainer } from "./relayContainer.ts";
import { isRelayPod } from "./relayLabels.ts";
import type { BackendSpec, Scenario, WorkloadSpec } from "./scenario.ts";
import { matchesSelector } from "./selectors.ts";
import type { Target } from "./serviceProxy.ts";
import { type KObject, Store } from "./store.ts";
import { serviceObject, workloadObject, workloadPod } from "./workloadObjects.ts";

export type ClusterOptions = {
  readyDelayMs: number;
  replaceDelayMs: number;
  /** First CrashLoopBackOff delay, doubled per restart up to 5 min (the kubelet's 10 s). */
  restartBackoffMs: number;
  /** Prepended to every container's argv (strace in a test). */
  containerWrapper?: string[];
};

const rand = (n: number) =>
  Array.from(randomBytes(n), (b) => "bcdfghjklmnpqrstvwxz2456789"[b % 27]).join("");

export class Cluster {
  readonly store = new Store();
  /** Port-forward data streams with a pod-side socket: open now, the most at once, all so far. */
  readonly streams = { open: 0, peak: 0, total: 0 };
  private pods = new Map<string, PodRuntime>();
  private network: ClusterNetwork;
  private timers = new Set<NodeJS.Timeout>();
  private nextPodIP = 10;
  private nextClusterIP = 20;
  private closed = false;
  private rsHash = new Map<string, string>();
  private relayImages: RegExp;
  readonly faults: PodFaults;
  readonly access: Access;

  private scenario: Scenario;
  private opts: ClusterOptions;

  constructor(scenario: Scenario, opts: ClusterOptions) {
    this.scenario = scenario;
    this.opts = opts;
    this.relayImages = new RegExp(scenario.relayImagePattern ?? "ferry-relay|kftray-server");
    this.faults = new PodFaults(scenario.faults);
    this.access = new Access(scenario.deny);
    this.network = new ClusterNetwork(this.store, (ns, name, port, protocol) =>
      this.pods.get(`${ns}/${name}`)?.ports.get(portKey(port, protocol)),
    );
  }

  async start(): Promise<void> {
    const s = this.scenario;
    const namespaces = new Set(["default", "kube-system", ...(s.namespaces ?? [])]);
    for (const w of s.workloads ?? []) namespaces.add(w.namespace);
    for (const v of s.services ?? []) namespaces.add(v.namespace);
    for (const ns of namespaces) this.ensureNamespace(ns);
    this.store.put("services", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver" } },
      spec: {
        type: "ClusterIP",
        clusterIP: "10.96.0.1",
        clusterIPs: ["10.96.0.1"],
        ports: [{ name: "https", port: 443, targetPort: 6443, protocol: "TCP" }],
        sessionAffinity: "None",
      },
      status: { loadBalancer: {} },
    });
    for (const v of s.services ?? []) {
      const ip =
        v.clusterIP ?? (v.name === "kube-dns" ? "10.96.0.10" : `10.96.0.${this.nextClusterIP++}`);
      this.store.put("services", serviceObject(v, ip));
      this.reconcileEndpoints(v.namespace);
    }
    await Promise.all(
      (s.externals ?? []).map(async (e) => {
        const backend = await startBackend(e.backend, { name: e.host, namespace: "" });
        this.network.addExternal(e.host, e.port, backend);
      }),
    );
    const starts: Promise<unknown>[] = [];
    for (const w of s.workloads ?? []) {
      this.store.put(w.kind === "StatefulSet" ? "statefulsets" : "deployments", workloadObject(w));
      for (let i = 0; i < (w.replicas ?? 1); i++) starts.push(this.createWorkloadPod(w));
    }
    await Promise.all(starts);
  }

  ensureNamespace(ns: string) {
    if (this.store.get("namespaces", undefined, ns)) return;
    this.store.put("namespaces", {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: ns, labels: { "kubernetes.io/metadata.name": ns } },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
  }

  private later(ms: number, fn: () => void, rt?: PodRuntime) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    this.timers.add(t);
    rt?.timers.push(t);
  }

  /** A new pod for a workload; a StatefulSet's replacement takes the ordinal of the pod it replaces. */
  private async createWorkloadPod(w: WorkloadSpec, ordinal?: number): Promise<KObject> {
    if (w.kind === "StatefulSet") {
      const taken = new Set(
        [...this.pods.values()].filter((rt) => rt.workload === w).map((rt) => rt.ordinal),
      );
      let i = ordinal ?? 0;
      while (ordinal === undefined && taken.has(i)) i += 1;
      return this.createPod(workloadPod(w, { ordinal: i }), w, i);
    }
    let hash = this.rsHash.get(`${w.namespace}/${w.name}`);
    if (!hash) {
      hash = rand(10).slice(0, 9);
      this.rsHash.set(`${w.namespace}/${w.name}`, hash);
    }
    return this.createPod(workloadPod(w, { hash, suffix: rand(5) }), w);
  }

  /** Create a pod (from the API or a workload); it starts Pending and becomes Ready later. */
  async createPod(input: KObject, workload?: WorkloadSpec, ordinal?: number): Promise<KObject> {
    const pod = defaultPodSpec(structuredClone(input));
    const ns = pod.metadata.namespace as string;
    this.ensureNamespace(ns);
    if (!pod.metadata.name) pod.metadata.name = `${pod.metadata.generateName ?? "pod-"}${rand(5)}`;
    const rt: PodRuntime = {
      ns,
      name: pod.metadata.name,
      podIP: `10.244.${Math.floor(this.nextPodIP / 250)}.${(this.nextPodIP++ % 250) + 2}`,
      workload,
      ordinal,
      ports: new Map(),
      backends: [],
      phase: "Pending",
      ready: false,
      timers: [],
      forwards: new Set(),
      log: new PodLog(),
      restartCount: 0,
    };
    this.pods.set(`${ns}/${rt.name}`, rt);
    if (this.faults.unschedulable(ns)) rt.unschedulable = UNSCHEDULABLE_MESSAGE;
    setPodStatus(pod, statusInput(rt));
    const created = this.store.put("pods", pod);
    const image: string = pod.spec.containers[0]?.image ?? "";
    if (rt.unschedulable) {
      // Stays Pending: nothing schedules in this namespace.
    } else if (this.faults.pullFails(image)) {
      const text = pullFailure(image);
      const half = Math.floor(this.opts.readyDelayMs / 2);
      this.later(
        half,
        () => {
          rt.waiting = { reason: "ErrImagePull", message: text.first };
          this.setPhase(rt, "Pending", false);
          this.later(
            this.opts.readyDelayMs - half,
            () => {
              rt.waiting = { reason: "ImagePullBackOff", message: text.backOff };
              this.setPhase(rt, "Pending", false);
            },
            rt,
          );
        },
        rt,
      );
    } else if (isRelayPod(pod)) {
      void this.startRelayPod(rt, pod);
    } else {
      await this.startBackends(rt, workload);
      const half = Math.floor(this.opts.readyDelayMs / 2);
      // Chained, not two timers: Node may fire timers of different durations out of order when
      // the loop is busy, which would leave a pod Running but never Ready.
      this.later(
        half,
        () => {
          this.setPhase(rt, "Running", false);
          this.later(this.opts.readyDelayMs - half, () => this.setPhase(rt, "Running", true), rt);
        },
        rt,
      );
    }
    return created;
  }

  private async startBackends(rt: PodRuntime, w: WorkloadSpec | undefined) {
    for (const p of w?.ports ?? []) {
      const b = await startBackend(
        p.backend as BackendSpec,
        { name: rt.name, namespace: rt.ns, resolve: (n) => this.resolveDns(n) },
        p.protocol ?? "TCP",
      );
      rt.backends.push(b);
      rt.ports.set(portKey(p.containerPort, p.protocol), { host: b.host, port: b.port });
    }
  }

  private async startRelayPod(rt: PodRuntime, pod: KObject) {
    const { spec, containerPort } = await relayContainerSpec(pod, (address, port, proto) =>
      this.network.route(address, port, proto, rt.ns),
    );
    runRelayContainer(this.relayHost, rt, {
      spec,
      containerPort,
      policy: pod.spec.restartPolicy,
      uid: pod.metadata.uid,
    });
  }

  /** What a relay container's runs need of the cluster. */
  private relayHost: RelayHost = {
    current: (rt) => !this.closed && this.pods.get(`${rt.ns}/${rt.name}`) === rt,
    setPhase: (rt, phase, ready) => this.setPhase(rt, phase, ready),
    later: (ms, fn, rt) => this.later(ms, fn, rt),
    run: () => ({
      relayImages: this.relayImages,
      wrapper: this.opts.containerWrapper,
      restartBackoffMs: this.opts.restartBackoffMs,
    }),
  };

  private setPhase(rt: PodRuntime, phase: PodState, ready: boolean) {
    const pod = this.store.get("pods", rt.ns, rt.name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    rt.phase = phase;
    rt.ready = ready;
    setPodStatus(pod, statusInput(rt));
    this.store.put("pods", pod);
    this.reconcileEndpoints(rt.ns);
  }

  setReady(ns: string, name: string, ready: boolean): boolean {
    const rt = this.pods.get(`${ns}/${name}`);
    if (!rt) return false;
    rt.readyOverride = ready;
    this.setPhase(rt, rt.phase, rt.ready);
    return true;
  }

  /** Deletes a pod: Terminating, then gone; a workload pod is replaced after replaceDelayMs. */
  deletePod(ns: string, name: string): KObject | undefined {
    const rt = this.pods.get(`${ns}/${name}`);
    const pod = this.store.get("pods", ns, name);
    if (!pod) return undefined;
    pod.metadata.deletionTimestamp = new Date().toISOString();
    pod.metadata.deletionGracePeriodSeconds = 0;
    this.store.put("pods", pod);
    if (rt) this.stopRuntime(rt);
    this.pods.delete(`${ns}/${name}`);
    const gone = this.store.remove("pods", ns, name);
    this.reconcileEndpoints(ns);
    const w = rt?.workload;
    const ordinal = rt?.ordinal;
    if (w) this.later(this.opts.replaceDelayMs, () => void this.createWorkloadPod(w, ordinal));
    return gone;
  }

  private stopRuntime(rt: PodRuntime) {
    for (const t of rt.timers) clearTimeout(t);
    for (const drop of rt.forwards) drop();
    rt.forwards.clear();
    for (const b of rt.backends) b.close();
    rt.container?.kill();
  }

  /**
   * As the kubelet evicts a pod under node pressure: its containers are killed, it stays as
   * phase Failed with reason Evicted, and a workload's controller creates a replacement.
   */
  evictPod(ns: string, name: string, message = EVICTED_MESSAGE): boolean {
    const rt = this.pods.get(`${ns}/${name}`);
    if (rt?.phase !== "Running" || rt.evicted) return false;
    rt.evicted = message;
    rt.exit = { exitCode: 137, reason: "Error" };
    rt.waiting = undefined;
    this.stopRuntime(rt);
    this.setPhase(rt, "Failed", false);
    const w = rt.workload;
    if (w)
      this.later(this.opts.replaceDelayMs, () => {
        // A StatefulSet's controller deletes the failed pod and recreates it under its name.
        if (w.kind === "StatefulSet") {
          this.pods.delete(`${ns}/${name}`);
          this.store.remove("pods", ns, name);
        }
        void this.createWorkloadPod(w, rt.ordinal);
      });
    return true;
  }

  /**
   * Sets (string) or removes (null) annotations on a Service, Deployment or StatefulSet, as
   * `kubectl annotate` does; watches see a MODIFIED event. False when there is no such object.
   */
  annotate(
    kind: "services" | "deployments" | "statefulsets",
    ns: string,
    name: string,
    changes: Record<string, string | null>,
  ): boolean {
    const o = this.store.get(kind, ns, name);
    if (!o) return false;
    this.store.put(kind, mergePatch(o, { metadata: { annotations: changes } }));
    return true;
  }

  /** Close every port-forward stream of a pod (the pod keeps running). */
  dropConnections(ns: string, name: string): number {
    const rt = this.pods.get(`${ns}/${name}`);
    if (!rt) return 0;
    const n = rt.forwards.size;
    for (const drop of [...rt.forwards]) drop();
    rt.forwards.clear();
    return n;
  }

  /** Where a pod's container port really listens; undefined = nothing listens there. */
  podTarget(ns: string, name: string, port: number): Target | undefined {
    return this.pods.get(`${ns}/${name}`)?.ports.get(portKey(port));
  }

  /** Counts a pod-side socket of a port-forward stream until it closes (`sim.portForwardStreams`). */
  countStream(socket: { once(event: "close", fn: () => void): unknown }): void {
    const s = this.streams;
    s.open += 1;
    s.total += 1;
    s.peak = Math.max(s.peak, s.open);
    socket.once("close", () => {
      s.open -= 1;
    });
  }

  /** Registers a port-forward stream so dropConnections/deletePod can cut it. */
  trackForward(ns: string, name: string, drop: () => void): () => void {
    const rt = this.pods.get(`${ns}/${name}`);
    rt?.forwards.add(drop);
    return () => rt?.forwards.delete(drop);
  }

  /** The log endpoint's answer: the text, or a 400 message as the API gives it. */
  podLogs(ns: string, name: string, q: LogQuery): { text: string } | { error: string } | undefined {
    const rt = this.pods.get(`${ns}/${name}`);
    const pod = this.store.get("pods", ns, name);
    if (!rt || !pod) return undefined;
    const container = pod.spec.containers?.[0]?.name ?? "";
    if (rt.log.runs() === 0 && (rt.waiting || rt.unschedulable || rt.phase === "Pending"))
      return {
        error: `container "${container}" in pod "${name}" is waiting to start: ${rt.waiting?.reason ?? "ContainerCreating"}`,
      };
    const text = rt.log.read(q);
    if (text === undefined)
      return { error: `previous terminated container "${container}" in pod "${name}" not found` };
    return { text };
  }

  reconcileEndpoints(ns: string) {
    for (const svc of this.store.list("services", ns)) {
      if (!svc.spec.selector) continue;
      const pods = this.store.list("pods", ns).filter(
        (p) =>
          matchesSelector(svc.spec.selector, p.metadata.labels) &&
          p.status?.podIP &&
          !p.metadata.deletionTimestamp &&
          // The controllers leave out pods that have finished (an evicted pod stays, Failed).
          p.status.phase !== "Failed" &&
          p.status.phase !== "Succeeded",
      );
      const { endpoints, slice } = endpointObjects(svc, pods);
      this.putIfChanged("endpoints", endpoints);
      this.putIfChanged("endpointslices", slice);
    }
  }

  private putIfChanged(kind: "endpoints" | "endpointslices", obj: KObject) {
    const prev = this.store.get(kind, obj.metadata.namespace, obj.metadata.name);
    if (prev) {
      const strip = (o: KObject) =>
        JSON.stringify({
          ...o,
          metadata: { ...o.metadata, resourceVersion: 0, uid: 0, creationTimestamp: 0 },
        });
      if (strip(prev) === strip(obj)) return;
    }
    this.store.put(kind, obj);
  }

  resolveDns(name: string): string | undefined {
    return this.network.resolveDns(name);
  }

  async close() {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const rt of this.pods.values()) this.stopRuntime(rt);
    const exits = [...this.pods.values()]
      .map((rt) => rt.container?.child)
      .filter((c) => c && c.exitCode === null && c.signalCode === null)
      .map((c) => new Promise((r) => c?.once("exit", r)));
    await this.network.close();
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 2000))]);
  }
}
