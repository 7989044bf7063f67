// The public types of kube-sim: its options and the handle startKubeSim returns.
import type { DenyRule } from "./access.ts";
import type { LogQuery } from "./podLog.ts";
import type { Scenario } from "./scenario.ts";
import type { KObject } from "./store.ts";

export const SPDY_TUNNEL = "SPDY/3.1+portforward.k8s.io";
export const V4 = "v4.channel.k8s.io";

/**
 * How a port-forward connection was served: plain SPDY (`Upgrade: SPDY/3.1`), SPDY tunnelled in a
 * WebSocket, a `v4.channel.k8s.io` WebSocket, or a WebSocket with no subprotocol.
 */
export type PortForwardProtocol = "SPDY/3.1" | typeof SPDY_TUNNEL | typeof V4 | "websocket";

export type KubeSimOptions = {
  scenario?: "demo" | "test" | Scenario | string;
  /** Where kubeconfig is written; a temp dir (removed on close) by default. */
  dir?: string;
  /** Pending → Running at half this, Ready at this. Default 100 ms. */
  readyDelayMs?: number;
  /** A deleted workload pod is replaced after this. Default 200 ms. */
  replaceDelayMs?: number;
  /** Fixed API port (0 = ephemeral, the default). */
  port?: number;
  /** Fixed kubeconfig path (overrides dir/kubeconfig). */
  kubeconfigPath?: string;
  /**
   * false: port-forward as an API server before 1.31, with no SPDY tunnel: an upgrade offering
   * only the tunnel is refused (403, as the kubelet's WebSocket handshake does), v4 is chosen
   * when also offered. Default true.
   */
  spdyTunnel?: boolean;
  /** First CrashLoopBackOff delay of a relay container, doubled per restart. Default 10 000. */
  restartBackoffMs?: number;
  /** Prepended to every relay container's argv (e.g. strace in a test). */
  containerWrapper?: string[];
  /**
   * The kubeconfig's user runs the test exec plugin (src/bin/token-plugin.ts, `TOKEN_PLUGIN`)
   * instead of holding the token; it reads `tokenFile`, optionally with an expirationTimestamp
   * `expirationSeconds` ahead, and appends a line to `<dir>/plugin-calls` per run.
   */
  execAuth?: { expirationSeconds?: number };
  /**
   * true: a TCP relay in front of the HTTPS server, so stall/blackhole/resumeNetwork work. Off by
   * default: the extra loopback hop copies every byte once more in JS, which moves throughput
   * and memory figures (a stalled kubectl reader measured +35..48 MiB RSS with it, 0..7 without).
   */
  networkFaults?: boolean;
};

export type KubeSim = {
  kubeconfigPath: string;
  server: string;
  /** The token the API accepts now (changes with rotateToken). */
  readonly token: string;
  /** A file holding the current token, rewritten on rotation (what the exec plugin reads). */
  tokenFile: string;
  /** Replaces the token (a random one by default): the old one gets 401 from now on, while
   * connections already authenticated (watches, port-forwards) go on. Returns the new token. */
  rotateToken(next?: string): string;
  /** Runs of the exec plugin so far (execAuth), counted from its calls file. */
  execPluginCalls(): number;
  /**
   * Every open API connection stays open but passes no bytes either way; new ones work.
   * Needs `networkFaults: true` (throws otherwise), as do blackhole and resumeNetwork.
   */
  stall(): number;
  /** As stall, and new connections hang too (TLS never completes), until resumeNetwork. */
  blackhole(): number;
  /** Ends stall and blackhole: the held bytes flow again. */
  resumeNetwork(): number;
  /** TCP connections the API has accepted so far (needs networkFaults; else 0). */
  apiConnections(): number;
  /**
   * Connections opened during the current blackhole that are still open and hanging: a client's
   * connection attempts in flight right now (to check that reconnects do not storm).
   */
  heldConnections(): number;
  /**
   * The most connections held at once since the current (or last) blackhole began: the height of
   * a reconnect storm, counted at the API (needs networkFaults; else 0).
   */
  heldPeak(): number;
  caPem: string;
  contexts: string[];
  deletePod(ns: string, name: string): boolean;
  setReady(ns: string, name: string, ready: boolean): boolean;
  /** Node-pressure eviction of a Running pod: Failed, reason Evicted; workloads get a new pod. */
  evictPod(ns: string, name: string, message?: string): boolean;
  /** Pods created from now on whose image matches never pull (ErrImagePull, ImagePullBackOff). */
  failImagePulls(pattern: string | RegExp): void;
  clearImagePullFailures(): void;
  /** Pods created from now on in `ns` ("*": any) stay Pending, PodScheduled False Unschedulable. */
  setUnschedulable(ns: string, on: boolean): void;
  /**
   * Sets (a string) or removes (null) annotations on a Service, Deployment or StatefulSet, as
   * `kubectl annotate` does; watches see the change. False when the object does not exist.
   */
  annotate(
    kind: "services" | "deployments" | "statefulsets",
    ns: string,
    name: string,
    changes: Record<string, string | null>,
  ): boolean;
  /** Adds an RBAC deny rule (403, and SelfSubjectAccessReview says no). */
  denyAccess(rule: DenyRule): void;
  /** Removes every deny rule, the scenario's too. */
  allowAllAccess(): void;
  dropConnections(ns: string, name: string): number;
  pauseApi(): Promise<void>;
  resumeApi(): Promise<void>;
  setLatency(ms: number): void;
  /** Forget the watch history: a watch from an older resourceVersion gets 410 Gone. */
  compact(): void;
  listPods(ns?: string): KObject[];
  /** What `GET .../pods/{name}/log` serves (undefined: no such pod; a 400 text otherwise). */
  podLogs(ns: string, name: string, query?: LogQuery): string | undefined;
  getPod(ns: string, name: string): KObject | undefined;
  /** Port-forward connections served so far, by protocol. */
  portForwardProtocols(): Partial<Record<PortForwardProtocol, number>>;
  /**
   * Port-forward streams that reached a pod (one pod-side socket each, any protocol): `open` now,
   * `peak` the most open at once since the start or the last `resetPeak`, `total` so far.
   */
  portForwardStreams(opts?: { resetPeak?: boolean }): { open: number; peak: number; total: number };
  close(): Promise<void>;
};
