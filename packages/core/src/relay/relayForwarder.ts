// A UDP or proxy forward: a relay pod made from the template, reached through the pod
// port-forward, watched while the forward runs (recreated if it goes away) and deleted on stop.

import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { CoreV1Api } from "@kubernetes/client-node";
import { toForwardError } from "../errors.ts";
import type { PortOwner } from "../ports/portInUse.ts";
import { nextBackoff, withJitter } from "../supervisor/backoff.ts";
import { ForwardLifecycle } from "../supervisor/forwardLifecycle.ts";
import { ForwardHttpLog, HttpLogUnsupportedError } from "../tcp/forwardHttpLog.ts";
import { startTcpForwarder, type TcpForwarder } from "../tcp/tcpForwarder.ts";
import type { ForwardConfig, ForwardEvent, ForwardStatus, HttpLogSettings } from "../types.ts";
import { startUdpForwarder, type UdpForwarder } from "../udp/udpForwarder.ts";
import { startUdpMuxForwarder } from "../udp/udpMuxForwarder.ts";
import { loadProxyManifest, manifestUdpFraming, type ProxyManifest } from "./proxyManifest.ts";
import { connectFailureReporter } from "./relayConnectFailures.ts";
import { RelayError } from "./relayErrors.ts";
import { rememberRelayScope } from "./relayLedger.ts";
import {
  deleteRelayPod,
  type PodRef,
  podHealth,
  readPod,
  startRelayPod,
  withLogTail,
} from "./relayPod.ts";
import { type RelayRemote, relayRemote } from "./relayRemote.ts";
import { RELAY_POD_PORT, renderRelayPod } from "./renderRelayPod.ts";

export interface RelayForwarderDeps {
  api: CoreV1Api;
  /** Opens one port-forward stream to a pod port (core's TCP machinery). */
  openPodStream: (pod: PodRef, port: number) => Promise<Duplex>;
  /** Closes what openPodStream keeps open (tunnels) when the forward stops. */
  closePodStreams?: () => void;
  /** Pings what openPodStream keeps open (after a wake); a dead tunnel closes itself. */
  checkPodStreams?: () => void;
  ferryHome: string;
  /** relayOwnerId(): labels the pods this machine's Ferry owns. */
  owner: string;
  /** Replaces the relay container's image in the rendered pod (a mirror); else the template's. */
  image?: string;
  /** The pod template to use instead of $FERRY_HOME/proxy_manifest.json. */
  manifestPath?: string;
  readyTimeoutMs?: number;
  /** How often the running relay pod is checked. */
  monitorMs?: number;
  idlePeerMs?: number;
  maxPeers?: number;
  emit: (event: ForwardEvent) => void;
  /** Pre-flight before the first relay pod: throws RELAY_FORBIDDEN when a needed right is missing. */
  checkAccess?: (namespace: string) => Promise<void>;
  /** An API failure as a coded error naming the context and server (core's apiError). */
  apiError?: (err: unknown, what: string) => Error;
  /** Names the Ferry config holding a local port this forward cannot bind. */
  portOwner?: PortOwner;
}

const MAX_BACKOFF_MS = 15_000;
/**
 * The relay pod is read this often (a deleted or failed pod is also seen at once when its
 * port-forward or lease stream ends). Was 1 s: 16 relay forwards made 16 GETs a second (bench).
 */
const RELAY_MONITOR_MS = 5000;

export class RelayForwarder {
  readonly config: ForwardConfig;
  #deps: RelayForwarderDeps;
  readonly #life: ForwardLifecycle;
  /** A proxy connection closed with nothing from the remote: the relay's log may say why. */
  readonly #explainEmptyConnection: () => void;
  #pod: PodRef | null = null;
  #manifest: ProxyManifest | null = null;
  #remote: RelayRemote | null = null;
  #udp: UdpForwarder | null = null;
  #tcp: TcpForwarder | null = null;
  #lease: Duplex | null = null;
  #monitor: NodeJS.Timeout | null = null;
  #recovering: Promise<void> | null = null;
  #podWaiters: Array<(pod: PodRef | null) => void> = [];
  #abort = new AbortController();
  #bytesIn = 0;
  #bytesOut = 0;
  /** A TCP proxy forward's HTTP log; UDP has none. */
  readonly #httpLog: ForwardHttpLog;

  constructor(config: ForwardConfig, deps: RelayForwarderDeps) {
    this.config = config;
    this.#deps = deps;
    this.#life = new ForwardLifecycle(config.id, deps.emit, () => this.status());
    const udp = config.protocol === "udp";
    this.#httpLog = new ForwardHttpLog(
      { ferryHome: deps.ferryHome, configId: config.id, emit: deps.emit },
      udp ? null : config.http_log,
    );
    if (udp && config.http_log) this.#life.log("warn", new HttpLogUnsupportedError().message);
    this.#explainEmptyConnection = connectFailureReporter(
      deps.api,
      () => this.#pod,
      (line) => this.#life.log("warn", `the relay could not connect: ${line}`),
    );
  }

  status(): ForwardStatus {
    return {
      id: this.config.id,
      alias: this.config.alias,
      state: this.#life.state,
      pod: this.#pod ? `${this.#pod.namespace}/${this.#pod.name}` : null,
      localAddress: this.config.local_address,
      localPort: this.#udp?.port ?? this.#tcp?.port ?? null,
      error: this.#life.error,
      connections: this.#udp?.peers() ?? this.#tcp?.connections() ?? 0,
      bytesIn: this.#bytesIn + (this.#tcp?.bytes().in ?? 0),
      bytesOut: this.#bytesOut + (this.#tcp?.bytes().out ?? 0),
      since: this.#life.since,
      httpLog: this.#httpLog.status(),
    };
  }

  /** After a wake or a network change: its tunnel is pinged (a dead one closes, then reopens). */
  checkConnections(reason: string): void {
    if (this.#life.state !== "running") return;
    this.#life.log("info", `${reason}: checking the connection to the API server`);
    this.#deps.checkPodStreams?.();
  }

  /** Live; a UDP forward refuses with HTTP_LOG_UNSUPPORTED. */
  setHttpLog(settings: HttpLogSettings | null): void {
    if (settings && this.config.protocol === "udp") throw new HttpLogUnsupportedError();
    this.#httpLog.set(settings);
  }

  /** The relay pod in use, for tests and the UI. */
  pod(): PodRef | null {
    return this.#pod;
  }

  async start(): Promise<ForwardStatus> {
    this.#abort = new AbortController();
    this.#life.set("starting", null);
    try {
      this.#manifest = await loadProxyManifest(this.#deps.ferryHome, {
        path: this.#deps.manifestPath,
        image: this.#deps.image,
      });
      this.#remote = await relayRemote(this.#deps.api, this.config);
      // The local port first: a clash fails fast, before a pod is made for nothing.
      await this.#listen();
      await this.#deps.checkAccess?.(this.config.namespace);
      this.#pod = await this.#createPod();
      this.#life.set("running", null);
      for (const w of this.#podWaiters.splice(0)) w(this.#pod);
      this.#monitor = setInterval(
        () => void this.#check(),
        this.#deps.monitorMs ?? RELAY_MONITOR_MS,
      );
      this.#openLease();
    } catch (err) {
      await this.#teardown();
      this.#life.set("error", toForwardError(err, "RELAY_FAILED"));
    }
    return this.status();
  }

  async stop(): Promise<ForwardStatus> {
    await this.#teardown();
    this.#life.set("stopped", null);
    return this.status();
  }

  async #teardown(): Promise<void> {
    this.#abort.abort();
    if (this.#monitor) clearInterval(this.#monitor);
    this.#monitor = null;
    this.#lease?.destroy();
    this.#lease = null;
    for (const w of this.#podWaiters.splice(0)) w(null);
    await Promise.all([this.#udp?.close(), this.#tcp?.close(), this.#httpLog.close()]);
    this.#deps.closePodStreams?.();
    const tcpBytes = this.#tcp?.bytes();
    this.#bytesIn += tcpBytes?.in ?? 0;
    this.#bytesOut += tcpBytes?.out ?? 0;
    this.#udp = null;
    this.#tcp = null;
    await this.#recovering?.catch(() => {});
    const pod = this.#pod;
    this.#pod = null;
    if (pod)
      await deleteRelayPod(this.#deps.api, pod).catch((err) =>
        this.#life.log("warn", `could not delete relay pod ${pod.name}: ${(err as Error).message}`),
      );
  }

  #traffic = (out: number, back: number) => {
    this.#bytesOut += out;
    this.#bytesIn += back;
  };

  async #createPod(): Promise<PodRef> {
    const remote = this.#remote!;
    const pod = renderRelayPod(
      this.#manifest!,
      {
        configId: this.config.id,
        namespace: this.config.namespace,
        remoteAddress: remote.address,
        remotePort: remote.port,
        protocol: remote.protocol,
      },
      this.#deps.owner,
      this.#deps.image,
    );
    await rememberRelayScope(this.#deps.ferryHome, {
      kubeconfig: this.config.kubeconfig,
      context: this.config.context,
      namespace: this.config.namespace,
    });
    const ref = await startRelayPod(
      this.#deps.api,
      pod,
      this.#manifest!.file,
      this.#deps.readyTimeoutMs,
      this.#abort.signal,
    );
    this.#life.log(
      "info",
      `relay pod ${ref.namespace}/${ref.name} Ready (${remote.protocol} -> ${remote.address}:${remote.port})`,
    );
    return ref;
  }

  /** The pod new tunnels go to; waits while the relay is being recreated. */
  #currentPod(): Promise<PodRef | null> {
    if (this.#pod && this.#life.state === "running") return Promise.resolve(this.#pod);
    if (this.#abort.signal.aborted) return Promise.resolve(null);
    return new Promise((resolve) => this.#podWaiters.push(resolve));
  }

  #openTunnel = async (): Promise<Duplex> => {
    const pod = await this.#currentPod();
    if (!pod) throw new RelayError("RELAY_UNREACHABLE", "the forward is stopping");
    return this.#deps.openPodStream(pod, RELAY_POD_PORT);
  };

  async #listen(): Promise<void> {
    const localPort = this.config.local_port ?? this.config.remote_port;
    const log = (level: "info" | "warn" | "error", message: string) =>
      this.#life.log(level, message);
    if (this.config.protocol === "udp") {
      const framing = manifestUdpFraming(this.#manifest!);
      const start = framing === "mux" ? startUdpMuxForwarder : startUdpForwarder;
      this.#udp = await start({
        localAddress: this.config.local_address,
        localPort,
        openTunnel: this.#openTunnel,
        idlePeerMs: this.#deps.idlePeerMs,
        portOwner: this.#deps.portOwner,
        maxPeers: this.#deps.maxPeers,
        log,
        onTraffic: this.#traffic,
      });
    } else {
      this.#tcp = await startTcpForwarder({
        localAddress: this.config.local_address,
        localPort,
        openStream: this.#openTunnel,
        portOwner: this.#deps.portOwner,
        log,
        tap: ({ remotePort }) => this.#httpLog.tap(remotePort),
        onClosed: ({ opened, bytesFromPod }) => {
          if (opened && bytesFromPod === 0) this.#explainEmptyConnection();
        },
      });
      this.#httpLog.bound(this.#tcp.port);
    }
  }

  /**
   * UDP relays hold one empty tunnel while the forward runs, so the relay's idle exit only fires
   * for pods nobody holds (orphans). A TCP proxy cannot do this without opening a connection to
   * the remote, so an idle TCP proxy relay may exit; the monitor then recreates it.
   */
  #openLease(): void {
    if (this.config.protocol !== "udp" || this.#lease || this.#life.state !== "running") return;
    const pod = this.#pod;
    if (!pod) return;
    this.#deps.openPodStream(pod, RELAY_POD_PORT).then(
      (stream) => {
        if (this.#life.state !== "running" || this.#pod !== pod) return void stream.destroy();
        this.#lease = stream;
        stream.on("error", () => {});
        const lost = () => {
          if (this.#lease !== stream) return;
          this.#lease = null;
          stream.destroy();
          void this.#check();
        };
        // Nothing is read from the lease; flowing mode lets its end be seen.
        stream.resume();
        stream.once("end", lost);
        stream.once("close", lost);
      },
      () => {},
    );
  }

  async #check(): Promise<void> {
    const pod = this.#pod;
    if (
      !pod ||
      (this.#life.state !== "running" && this.#life.state !== "reconnecting") ||
      this.#recovering
    )
      return;
    let gone: string | null = null;
    try {
      const current = await readPod(this.#deps.api, pod);
      if (!current) gone = `relay pod ${pod.namespace}/${pod.name} was deleted`;
      else {
        const health = podHealth(current, this.#manifest!.file);
        if (health.kind === "failed")
          gone = (await withLogTail(this.#deps.api, pod, health.error)).message;
      }
    } catch (err) {
      // The API being unreachable is not a reason to drop a working relay, but the forward says
      // it (as a TCP forward does): its tunnels go through that API server too.
      if (this.#pod !== pod || this.#recovering) return;
      const e = this.#deps.apiError?.(err, `relay pod ${pod.namespace}/${pod.name}`) ?? err;
      if (this.#life.state === "running")
        this.#life.log(
          "warn",
          `cannot check relay pod ${pod.name}: ${(e as Error).message}; reconnecting`,
        );
      this.#life.set("reconnecting", toForwardError(e, "CLUSTER_UNREACHABLE"));
      return;
    }
    if (this.#life.state === "reconnecting" && this.#pod === pod) {
      this.#life.log("info", `the API server answers again; relay pod ${pod.name} is in place`);
      this.#life.set("running", null);
      for (const w of this.#podWaiters.splice(0)) w(pod);
    }
    if (!gone) return this.#openLease();
    if (this.#pod !== pod || this.#life.state !== "running") return;
    this.#recovering = this.#recover(pod, gone).finally(() => {
      this.#recovering = null;
    });
  }

  async #recover(old: PodRef, why: string): Promise<void> {
    this.#life.log("warn", `${why}; recreating it`);
    this.#pod = null;
    this.#lease?.destroy();
    this.#lease = null;
    this.#udp?.dropTunnels();
    // The pod's own reason (Evicted, a crash with its log) stays visible until the new pod runs.
    this.#life.set("reconnecting", { code: "RELAY_FAILED", message: why });
    await deleteRelayPod(this.#deps.api, old).catch(() => {});
    let backoff = 0;
    while (!this.#abort.signal.aborted) {
      try {
        const ref = await this.#createPod();
        if (this.#abort.signal.aborted) {
          await deleteRelayPod(this.#deps.api, ref).catch(() => {});
          return;
        }
        this.#pod = ref;
        this.#life.set("running", null);
        for (const w of this.#podWaiters.splice(0)) w(ref);
        this.#openLease();
        return;
      } catch (err) {
        if (this.#abort.signal.aborted) return;
        const e = toForwardError(err, "RELAY_FAILED");
        backoff = nextBackoff(backoff, 500, MAX_BACKOFF_MS);
        this.#life.log("warn", `relay not back yet (${e.message}); retrying in ${backoff / 1000}s`);
        this.#life.set("reconnecting", e);
        await sleep(withJitter(backoff), undefined, { signal: this.#abort.signal }).catch(() => {});
      }
    }
  }
}
