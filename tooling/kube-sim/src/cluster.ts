// The cluster's state machine: namespaces, services, workload pods backed by real servers, relay
// pods running the real relay, readiness, endpoints, and the replacing controller.
import { randomBytes } from "node:crypto";
import { type Backend, startBackend } from "./backends.ts";
import {
  type ContainerExit,
  defaultPodSpec,
  type PodState,
  resolveTargetPort,
  setPodStatus,
} from "./podObject.ts";
import { type RelayProcess, spawnRelay } from "./relayPod.ts";
import type { BackendSpec, Scenario, WorkloadSpec } from "./scenario.ts";
import { matchesSelector } from "./selectors.ts";
import { type ServiceProxy, startTcpProxy, startUdpProxy, type Target } from "./serviceProxy.ts";
import { type KObject, Store } from "./store.ts";

export type ClusterOptions = { readyDelayMs: number; replaceDelayMs: number };

type PodRuntime = {
  ns: string;
  name: string;
  podIP: string;
  workload?: WorkloadSpec;
  /** containerPort/protocol → where it really listens. */
  ports: Map<string, Target>;
  backends: Backend[];
  relay?: RelayProcess;
  phase: PodState;
  ready: boolean;
  readyOverride?: boolean;
  timers: NodeJS.Timeout[];
  forwards: Set<() => void>;
  exit?: ContainerExit;
};

const rand = (n: number) =>
  Array.from(randomBytes(n), (b) => "bcdfghjklmnpqrstvwxz2456789"[b % 27]).join("");

const portKey = (port: number, protocol = "TCP") => `${port}/${protocol.toUpperCase()}`;

export class Cluster {
  readonly store = new Store();
  private pods = new Map<string, PodRuntime>();
  private proxies = new Map<string, Promise<ServiceProxy>>();
  private externals: { host: string; port: number; backend: Backend }[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private nextPodIP = 10;
  private nextClusterIP = 20;
  private closed = false;
  private rsHash = new Map<string, string>();
  private relayPattern: RegExp;

  private scenario: Scenario;
  private opts: ClusterOptions;

  constructor(scenario: Scenario, opts: ClusterOptions) {
    this.scenario = scenario;
    this.opts = opts;
    this.relayPattern = new RegExp(scenario.relayImagePattern ?? "ferry-relay|kftray-server");
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
      this.store.put("services", {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: v.name, namespace: v.namespace, labels: { ...v.selector } },
        spec: {
          type: "ClusterIP",
          clusterIP: ip,
          clusterIPs: [ip],
          selector: v.selector,
          ports: v.ports.map((p) => ({
            name: p.name,
            port: p.port,
            targetPort: p.targetPort ?? p.port,
            protocol: p.protocol ?? "TCP",
          })),
          sessionAffinity: "None",
          ipFamilies: ["IPv4"],
        },
        status: { loadBalancer: {} },
      });
      this.reconcileEndpoints(v.namespace);
    }
    await Promise.all(
      (s.externals ?? []).map(async (e) => {
        const backend = await startBackend(e.backend, { name: e.host, namespace: "" });
        this.externals.push({ host: e.host.toLowerCase(), port: e.port, backend });
      }),
    );
    const starts: Promise<unknown>[] = [];
    for (const w of s.workloads ?? []) {
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

  private async createWorkloadPod(w: WorkloadSpec): Promise<KObject> {
    let hash = this.rsHash.get(`${w.namespace}/${w.name}`);
    if (!hash) {
      hash = rand(10).slice(0, 9);
      this.rsHash.set(`${w.namespace}/${w.name}`, hash);
    }
    const labels = { ...(w.labels ?? { app: w.name }), "pod-template-hash": hash };
    const pod: KObject = {
      metadata: {
        name: `${w.name}-${hash}-${rand(5)}`,
        namespace: w.namespace,
        labels,
        generateName: `${w.name}-${hash}-`,
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            name: `${w.name}-${hash}`,
            uid: `rs-${hash}`,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        containers: [
          {
            name: w.name,
            image: w.image ?? `kube-sim/${w.name}:latest`,
            ports: w.ports.map((p) => ({
              name: p.name,
              containerPort: p.containerPort,
              protocol: p.protocol ?? "TCP",
            })),
          },
        ],
      },
    };
    return this.createPod(pod, w);
  }

  /** Create a pod (from the API or a workload); it starts Pending and becomes Ready later. */
  async createPod(input: KObject, workload?: WorkloadSpec): Promise<KObject> {
    const pod = defaultPodSpec(structuredClone(input));
    const ns = pod.metadata.namespace as string;
    this.ensureNamespace(ns);
    if (!pod.metadata.name) pod.metadata.name = `${pod.metadata.generateName ?? "pod-"}${rand(5)}`;
    const rt: PodRuntime = {
      ns,
      name: pod.metadata.name,
      podIP: `10.244.${Math.floor(this.nextPodIP / 250)}.${(this.nextPodIP++ % 250) + 2}`,
      workload,
      ports: new Map(),
      backends: [],
      phase: "Pending",
      ready: false,
      timers: [],
      forwards: new Set(),
    };
    this.pods.set(`${ns}/${rt.name}`, rt);
    setPodStatus(pod, "Pending", false, { podIP: rt.podIP });
    const created = this.store.put("pods", pod);
    const image: string = pod.spec.containers[0]?.image ?? "";
    if (this.relayPattern.test(image)) {
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
    const c = pod.spec.containers[0];
    const env: Record<string, string> = {};
    for (const e of c.env ?? []) if (typeof e.value === "string") env[e.name] = e.value;
    const proto = (env.PROXY_TYPE ?? "tcp").toLowerCase() === "udp" ? "UDP" : "TCP";
    if (env.REMOTE_ADDRESS && env.REMOTE_PORT) {
      const t = await this.clusterRoute(env.REMOTE_ADDRESS, Number(env.REMOTE_PORT), proto, rt.ns);
      env.REMOTE_ADDRESS = t.host;
      env.REMOTE_PORT = String(t.port);
    }
    const containerPort = Number(c.ports?.[0]?.containerPort ?? env.LOCAL_PORT ?? 0);
    if (this.closed || !this.pods.has(`${rt.ns}/${rt.name}`)) return;
    rt.relay = spawnRelay(env, (code, signal) => {
      if (!this.pods.has(`${rt.ns}/${rt.name}`)) return;
      rt.exit = {
        exitCode: code ?? 137,
        reason: signal ? "Error" : code === 0 ? "Completed" : "Error",
      };
      this.setPhase(rt, code === 0 ? "Succeeded" : "Failed", false);
    });
    try {
      const port = await rt.relay.listening;
      rt.ports.set(portKey(containerPort), { host: "127.0.0.1", port });
      this.setPhase(rt, "Running", true);
    } catch {
      // Exited before listening: the exit handler has marked the pod Failed.
    }
  }

  private setPhase(rt: PodRuntime, phase: PodState, ready: boolean) {
    const pod = this.store.get("pods", rt.ns, rt.name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    rt.phase = phase;
    rt.ready = ready;
    const effective = rt.readyOverride ?? ready;
    setPodStatus(pod, phase, effective, { podIP: rt.podIP, ...rt.exit });
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
    if (w) this.later(this.opts.replaceDelayMs, () => void this.createWorkloadPod(w));
    return gone;
  }

  private stopRuntime(rt: PodRuntime) {
    for (const t of rt.timers) clearTimeout(t);
    for (const drop of rt.forwards) drop();
    rt.forwards.clear();
    for (const b of rt.backends) b.close();
    rt.relay?.kill();
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

  /** Registers a port-forward stream so dropConnections/deletePod can cut it. */
  trackForward(ns: string, name: string, drop: () => void): () => void {
    const rt = this.pods.get(`${ns}/${name}`);
    rt?.forwards.add(drop);
    return () => rt?.forwards.delete(drop);
  }

  podLogs(ns: string, name: string): string | undefined {
    const rt = this.pods.get(`${ns}/${name}`);
    if (!rt) return undefined;
    return rt.relay ? rt.relay.logs() : "";
  }

  private readyPods(svc: KObject): KObject[] {
    return this.store.list("pods", svc.metadata.namespace).filter(
      (p) =>
        matchesSelector(svc.spec.selector, p.metadata.labels) &&
        !p.metadata.deletionTimestamp &&
        // biome-ignore lint/suspicious/noExplicitAny: open JSON.
        p.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True"),
    );
  }

  reconcileEndpoints(ns: string) {
    for (const svc of this.store.list("services", ns)) {
      if (!svc.spec.selector) continue;
      const pods = this.store
        .list("pods", ns)
        .filter(
          (p) =>
            matchesSelector(svc.spec.selector, p.metadata.labels) &&
            p.status?.podIP &&
            !p.metadata.deletionTimestamp,
        );
      const isReady = (p: KObject) =>
        // biome-ignore lint/suspicious/noExplicitAny: open JSON.
        p.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True");
      const first = pods[0];
      // biome-ignore lint/suspicious/noExplicitAny: open JSON.
      const ports = svc.spec.ports.map((sp: any) => ({
        name: sp.name,
        port: first ? (resolveTargetPort(first, sp.targetPort) ?? sp.port) : sp.port,
        protocol: sp.protocol,
      }));
      const ref = (p: KObject) => ({
        kind: "Pod",
        namespace: ns,
        name: p.metadata.name,
        uid: p.metadata.uid,
      });
      const addr = (p: KObject) => ({
        ip: p.status.podIP,
        nodeName: "sim-node",
        targetRef: ref(p),
      });
      const subset: KObject | Record<string, unknown> = { ports };
      const ready = pods.filter(isReady).map(addr);
      const notReady = pods.filter((p) => !isReady(p)).map(addr);
      if (ready.length) subset.addresses = ready;
      if (notReady.length) subset.notReadyAddresses = notReady;
      const endpoints = {
        apiVersion: "v1",
        kind: "Endpoints",
        metadata: { name: svc.metadata.name, namespace: ns, labels: svc.metadata.labels },
        subsets: pods.length ? [subset] : [],
      };
      this.putIfChanged("endpoints", endpoints);
      const slice = {
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: {
          name: `${svc.metadata.name}-${svc.metadata.uid.slice(0, 5)}`,
          namespace: ns,
          generateName: `${svc.metadata.name}-`,
          labels: {
            "kubernetes.io/service-name": svc.metadata.name,
            "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
          },
          ownerReferences: [
            {
              apiVersion: "v1",
              kind: "Service",
              name: svc.metadata.name,
              uid: svc.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: "IPv4",
        endpoints: pods.map((p) => ({
          addresses: [p.status.podIP],
          conditions: { ready: !!isReady(p), serving: !!isReady(p), terminating: false },
          targetRef: ref(p),
          nodeName: "sim-node",
        })),
        ports,
      };
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

  /** Finds the Service a cluster DNS name or ClusterIP names, as seen from namespace `fromNs`. */
  findService(address: string, fromNs: string): KObject | undefined {
    const a = address.toLowerCase().replace(/\.$/, "");
    for (const svc of this.store.list("services")) {
      const n = svc.metadata.name;
      const ns = svc.metadata.namespace;
      const names = [`${n}.${ns}`, `${n}.${ns}.svc`, `${n}.${ns}.svc.cluster.local`];
      if (ns === fromNs) names.push(n);
      if (names.includes(a) || svc.spec.clusterIP === a) return svc;
    }
    return undefined;
  }

  resolveDns(name: string): string | undefined {
    const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(name);
    if (!m) return undefined;
    return this.store.get("services", m[2], m[1] as string)?.spec.clusterIP;
  }

  /**
   * Where a relay pod's REMOTE_ADDRESS:REMOTE_PORT really is: a Service becomes a local proxy
   * over its Ready pods, a scenario external host its local listener, anything else stays as is.
   */
  async clusterRoute(address: string, port: number, proto: "TCP" | "UDP", fromNs: string) {
    const svc = this.findService(address, fromNs);
    if (svc) {
      // biome-ignore lint/suspicious/noExplicitAny: open JSON.
      const sp = svc.spec.ports.find((p: any) => p.port === port && p.protocol === proto);
      if (sp) {
        const key = `${svc.metadata.namespace}/${svc.metadata.name}/${port}/${proto}`;
        let proxy = this.proxies.get(key);
        if (!proxy) {
          let turn = 0;
          const pick = () => {
            const live = this.store.get("services", svc.metadata.namespace, svc.metadata.name);
            if (!live) return undefined;
            const candidates = this.readyPods(live)
              .map((p) => {
                const target = resolveTargetPort(p, sp.targetPort);
                return target === undefined
                  ? undefined
                  : this.pods
                      .get(`${p.metadata.namespace}/${p.metadata.name}`)
                      ?.ports.get(portKey(target, proto));
              })
              .filter((t): t is Target => t !== undefined);
            return candidates[turn++ % Math.max(1, candidates.length)];
          };
          proxy = proto === "UDP" ? startUdpProxy(pick) : startTcpProxy(pick);
          this.proxies.set(key, proxy);
        }
        return { host: "127.0.0.1", port: (await proxy).port };
      }
    }
    const a = address.toLowerCase().replace(/\.$/, "");
    const ext = this.externals.find((e) => e.host === a && e.port === port);
    if (ext) return { host: ext.backend.host, port: ext.backend.port };
    return { host: address, port };
  }

  async close() {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    for (const rt of this.pods.values()) this.stopRuntime(rt);
    const exits = [...this.pods.values()]
      .map((rt) => rt.relay?.child)
      .filter((c) => c && c.exitCode === null && c.signalCode === null)
      .map((c) => new Promise((r) => c?.once("exit", r)));
    for (const e of this.externals) e.backend.close();
    for (const p of this.proxies.values()) (await p).close();
    await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 2000))]);
  }
}
