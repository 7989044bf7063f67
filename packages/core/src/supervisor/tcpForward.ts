// One TCP forward kept up, its state machine: resolves its target, watches the target's pods
// (shared watch), sends each new connection to a Ready pod (podChoice, openWithRetries, a spare
// stream on v4), reports `reconnecting` while none can be reached (new connections then wait up
// to a bound) and probes with jittered backoff until one can (reconnectProbe).

import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { V1EndpointSlice, V1Pod } from "@kubernetes/client-node";
import { FerryForwardError, toForwardError } from "../errors.ts";
import { credentialsFor } from "../kube/credentials.ts";
import { getKubeAsync, type Kube } from "../kube/getKube.ts";
import type { LivenessOptions } from "../portforward/lean/liveness.ts";
import {
  type ForwardStream,
  type Gate,
  PodConnector,
  type PortForwardMode,
} from "../portforward/podConnector.ts";
import type { PortOwner } from "../ports/portInUse.ts";
import { resolveTarget, type TargetSpec } from "../resolve/resolveTarget.ts";
import { ForwardHttpLog } from "../tcp/forwardHttpLog.ts";
import { startTcpForwarder, type TcpForwarder } from "../tcp/tcpForwarder.ts";
import type {
  ForwardConfig,
  ForwardError,
  ForwardEvent,
  ForwardStatus,
  HttpLogSettings,
} from "../types.ts";
import { ForwardLifecycle } from "./forwardLifecycle.ts";
import type { ListWatch, WatchOptions } from "./listWatch.ts";
import { type ConnectionRoute, openWithRetries } from "./openWithRetries.ts";
import { type Chosen, PodChoice } from "./podChoice.ts";
import { ReconnectProbe } from "./reconnectProbe.ts";
import { SpareStreams } from "./spareStreams.ts";
import { type TargetWatches, watchTarget } from "./targetWatches.ts";

export interface TcpForwardOptions extends LivenessOptions {
  emit: (event: ForwardEvent) => void;
  /** Where HTTP logs go ($FERRY_HOME/http_logs); without it logging stays off. */
  ferryHome?: string;
  portOwner?: PortOwner;
  /** How long a new connection waits for a reachable pod before it is refused. */
  connectWaitMs?: number;
  /** A tunnel with no connections closes after this long (default 30 s). */
  tunnelIdleMs?: number;
  /** Reconnect attempts (tunnel opens, probes) wait here: at most N per cluster at once. */
  gate?: (cluster: string) => Gate;
  watch?: WatchOptions;
  /**
   * Without a SPDY tunnel (v4: one WebSocket per connection), keep one stream to the current pod
   * opened ahead while connections are arriving, so the next connection skips the TLS + upgrade
   * round trips. Default true.
   */
  spareStream?: boolean;
  /** `auto` (default): one SPDY tunnel per pod where the API server has it, else v4. */
  portForward?: PortForwardMode;
}

const DEFAULT_CONNECT_WAIT_MS = 10_000;
/** A pod whose stream failed is skipped this long. */
const BAD_POD_MS = 2000;

export class TcpForward {
  readonly config: ForwardConfig;
  #o: TcpForwardOptions;
  readonly #life: ForwardLifecycle;
  #kube: Kube | null = null;
  #target: TargetSpec | null = null;
  #watch: ListWatch<V1Pod> | null = null;
  /** A service's EndpointSlices; null for label targets and clusters without the API. */
  #slices: ListWatch<V1EndpointSlice> | null = null;
  #watches: TargetWatches | null = null;
  #choice: PodChoice | null = null;
  #unsubscribe: Array<() => void> = [];
  #listener: TcpForwarder | null = null;
  #waiters = new Set<() => void>();
  #abort = new AbortController();
  readonly #probe = new ReconnectProbe();
  #lastFailure: ForwardError | null = null;
  /** When a probe last opened a stream (epoch ms): the API server answered then. */
  #streamOpenedAt = 0;
  #connector: PodConnector | null = null;
  #spares: SpareStreams | null = null;
  /** A check of the API connection after a silent death or a wake is under way. */
  #verifying = false;
  readonly #httpLog: ForwardHttpLog;

  constructor(config: ForwardConfig, options: TcpForwardOptions) {
    this.config = config;
    this.#o = options;
    this.#life = new ForwardLifecycle(config.id, options.emit, () => this.status());
    this.#httpLog = new ForwardHttpLog(
      { ferryHome: options.ferryHome ?? "", configId: config.id, emit: options.emit },
      options.ferryHome ? config.http_log : null,
    );
  }

  /** Live: new connections are tapped (or not) from now on. Throws on invalid settings. */
  setHttpLog(settings: HttpLogSettings | null): void {
    this.#httpLog.set(settings);
  }

  status(): ForwardStatus {
    const bytes = this.#listener?.bytes() ?? { out: 0, in: 0 };
    const current = this.#choice?.current;
    return {
      id: this.config.id,
      alias: this.config.alias,
      state: this.#life.state,
      pod: current && this.#target ? `${this.#target.namespace}/${current.name}` : null,
      localAddress: this.config.local_address,
      localPort: this.#listener?.port ?? null,
      error: this.#life.error,
      connections: this.#listener?.connections() ?? 0,
      bytesIn: bytes.in,
      bytesOut: bytes.out,
      since: this.#life.since,
      httpLog: this.#httpLog.status(),
    };
  }

  /** address:port this forward listens on, for port-clash messages. */
  listening(): { address: string; port: number } | null {
    return this.#listener ? { address: this.#listener.address, port: this.#listener.port } : null;
  }

  async start(): Promise<ForwardStatus> {
    this.#abort = new AbortController();
    this.#life.set("starting", null);
    try {
      this.#kube = await getKubeAsync(this.config);
      const warnings = credentialsFor(this.#kube.kc)?.onWarning((m) => this.#life.log("warn", m));
      if (warnings) this.#unsubscribe.push(warnings);
      this.#connector = new PodConnector(this.#kube.kc, {
        mode: this.#o.portForward,
        pingMs: this.#o.pingMs,
        pingTimeoutMs: this.#o.pingTimeoutMs,
        idleMs: this.#o.tunnelIdleMs,
        gate: this.#o.gate?.(this.#kube.server),
        log: (level, message) => this.#life.log(level, message),
        onSilentDeath: (why) => {
          this.#life.log("warn", `${why}; opening a fresh one`);
          this.#verify();
        },
      });
      if (this.#o.spareStream !== false)
        this.#spares = new SpareStreams(
          (chosen) => this.#openTo(chosen, this.#abort.signal),
          this.#o.pingTimeoutMs,
        );
      this.#target = await resolveTarget(this.#kube, this.config);
      const gate = this.#o.gate?.(this.#kube.server);
      const watches = await watchTarget(this.#kube, this.#target, { ...this.#o.watch, gate });
      if (this.#abort.signal.aborted) {
        watches.release();
        return this.status();
      }
      this.#watches = watches;
      this.#watch = watches.pods;
      this.#slices = watches.slices;
      if (this.#abort.signal.aborted) return this.status();
      this.#choice = new PodChoice(this.#watch, this.#slices, this.#target.port);
      this.#listener = await startTcpForwarder({
        localAddress: this.config.local_address,
        localPort: this.config.local_port ?? this.config.remote_port,
        openStream: (signal) => this.#openStream(signal),
        portOwner: this.#o.portOwner,
        log: (level, message) => this.#life.log(level, message),
        tap: ({ remotePort }) => this.#httpLog.tap(remotePort),
      });
      this.#httpLog.bound(this.#listener.port);
      const changed = () => {
        // The pods changed: a failure seen on the old set says nothing about the new one. Except
        // refused credentials (FORBIDDEN): they hold for every pod, and clearing them showed a
        // forward that cannot connect as running without an error; a probe's stream clears them.
        if (this.#watch?.healthy && this.#lastFailure?.code !== "FORBIDDEN")
          this.#lastFailure = null;
        this.#evaluate();
      };
      this.#unsubscribe.push(this.#watch.subscribe(changed));
      if (this.#slices) this.#unsubscribe.push(this.#slices.subscribe(changed));
      this.#life.log(
        "info",
        `listening on ${this.config.local_address}:${this.#listener.port} -> ${this.#target.describe} (context "${this.#kube.contextName}")`,
      );
      this.#evaluate(true);
    } catch (err) {
      await this.#teardown();
      this.#life.set("error", toForwardError(err));
      this.#life.log("error", this.#life.error!.message);
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
    for (const u of this.#unsubscribe.splice(0)) u();
    for (const w of this.#waiters) w();
    this.#waiters.clear();
    this.#spares?.close();
    this.#spares = null;
    this.#watches?.release();
    this.#watches = null;
    this.#watch = null;
    this.#slices = null;
    const l = this.#listener;
    this.#listener = null;
    // Local sockets first: their streams then end quietly instead of as tunnel resets.
    await l?.close();
    await this.#httpLog.close();
    this.#connector?.close();
    this.#connector = null;
    this.#choice = null;
  }

  /**
   * After a wake or a network change: is the API connection still there? The tunnel and open v4
   * streams are pinged (dead ones close); then, unless all answered, a probe stream is opened.
   * Watches are left to their idle bound: restarting them at once would add connection attempts
   * to the storm (undici may open two for one aborted-and-renewed watch).
   */
  checkConnections(reason: string): void {
    if (!this.#listener || this.#abort.signal.aborted) return;
    this.#life.log("info", `${reason}: checking the connection to the API server`);
    if (this.#life.state !== "running") return;
    // Alive: nothing to do. Dead or nothing open: a probe (a fresh tunnel, a v4 stream).
    void this.#connector?.checkAlive().then((r) => {
      if (r !== "alive") this.#verify();
    });
  }

  /**
   * Opens a probe stream (a fresh tunnel where tunnels are used) after a jittered pause, through
   * the cluster's reconnect gate; a failure makes the forward `reconnecting`, whose probes back off.
   */
  #verify(): void {
    if (this.#verifying || this.#abort.signal.aborted) return;
    this.#verifying = true;
    const signal = this.#abort.signal;
    void (async () => {
      await sleep(Math.random() * 500, undefined, { signal }).catch(() => {});
      if (!signal.aborted && this.#life.state === "running") await this.#probeOnce();
      this.#verifying = false;
    })();
  }

  /** Re-decides the pod and the state after the pods or a stream changed. */
  #evaluate(initial = false): void {
    const choice = this.#choice;
    if (!this.#listener || !choice || this.#abort.signal.aborted) return;
    const before = choice.current?.name;
    const chosen = choice.choose();
    choice.current = chosen;
    if (chosen && !this.#lastFailure && !this.#apiDown()) {
      if (before !== chosen.name && !initial)
        this.#life.log(
          "info",
          `new connections go to pod ${this.#target!.namespace}/${chosen.name}`,
        );
      if (before !== chosen.name && this.#life.state === "running") this.#life.changed();
      this.#life.set("running", null);
      for (const w of this.#waiters) w();
      this.#waiters.clear();
      return;
    }
    const why = this.#noPodError(chosen);
    if (this.#life.state !== "reconnecting") this.#life.log("warn", `${why.message}; reconnecting`);
    this.#life.set("reconnecting", why);
    this.#probe.start(
      {
        wanted: () => this.#life.state === "reconnecting",
        attempt: () => this.#probeOnce(),
      },
      this.#abort.signal,
    );
  }

  /**
   * The pod watch cannot reach the API server, or the server refuses its credentials, and no
   * stream has opened since: port-forwards go through that server too, with the same
   * credentials, so the forward is not serving, whatever the cached pods say.
   */
  #apiDown(): boolean {
    const w = this.#watch;
    const code = (w?.lastError as { code?: string } | null)?.code;
    if (!w || w.healthy || (code !== "CLUSTER_UNREACHABLE" && code !== "FORBIDDEN")) return false;
    return this.#streamOpenedAt < w.failedSince;
  }

  #noPodError(chosen: Chosen | null): ForwardError {
    // No pod chosen only because their streams just failed: the failure is why, not "no pod".
    if (this.#lastFailure && (chosen || this.#choice?.onlyFailing())) return this.#lastFailure;
    const w = this.#watch;
    if (w && !w.healthy && w.lastError) return toForwardError(w.lastError);
    const t = this.#target!;
    const port = typeof t.port === "string" ? ` with a port named "${t.port}"` : "";
    return {
      code: "NO_READY_POD",
      message: `no Ready pod${port} for ${t.describe} (selector ${t.selector})`,
    };
  }

  /** One reconnect probe: a stream to the pod that would be chosen, closed at once. */
  async #probeOnce(): Promise<void> {
    this.#choice?.forgetBad();
    const chosen = this.#choice?.choose();
    if (!chosen) return;
    try {
      const s = await this.#openTo(chosen, this.#abort.signal, true);
      s.destroy();
      this.#streamOpenedAt = Date.now();
      this.#lastFailure = null;
      this.#evaluate();
    } catch (err) {
      if (this.#abort.signal.aborted) return;
      this.#lastFailure = toForwardError(err);
      if (this.#life.state === "running") this.#evaluate();
      else this.#life.set("reconnecting", this.#lastFailure);
    }
  }

  /** `gated`: a probe, which waits for the cluster's reconnect limit (tunnel opens always do). */
  #openTo(chosen: Chosen, signal: AbortSignal, gated = false): Promise<ForwardStream> {
    if (!this.#connector)
      return Promise.reject(new FerryForwardError("PORT_FORWARD_FAILED", "forward stopped"));
    return this.#connector.open(
      { namespace: this.#target!.namespace, name: chosen.name },
      chosen.port,
      signal,
      gated,
    );
  }

  #openStream(signal: AbortSignal): Promise<Duplex> {
    return openWithRetries(this.#route, signal, this.#o.connectWaitMs ?? DEFAULT_CONNECT_WAIT_MS);
  }

  readonly #route: ConnectionRoute = {
    stopped: () => this.#abort.signal.aborted,
    choose: (skip) =>
      this.#life.state === "running" ? (this.#choice?.choose(skip) ?? null) : null,
    spare: (chosen) => this.#spares?.take(chosen.name) ?? Promise.resolve(null),
    open: (chosen, signal) => this.#openTo(chosen, signal),
    used: () => this.#refillSpare(),
    failed: (chosen, err, manyInARow) => {
      this.#choice?.markBad(chosen.name, BAD_POD_MS);
      if (!manyInARow && this.#choice?.choose()) return false;
      this.#lastFailure = toForwardError(err);
      this.#evaluate();
      return true;
    },
    waitForPod: (ms, signal) => this.#waitForPod(ms, signal),
    reason: () => this.#life.error?.message ?? "reconnecting",
    log: (message) => this.#life.log("warn", message),
  };

  #refillSpare(): void {
    if (!this.#spares || this.#life.state !== "running" || this.#abort.signal.aborted) return;
    const chosen = this.#choice?.choose();
    if (!chosen) return;
    // Inside a SPDY tunnel a new connection is one round trip: nothing to hide.
    if (this.#connector?.multiplexed({ namespace: this.#target!.namespace, name: chosen.name }))
      return;
    this.#spares.refill(chosen);
  }

  #waitForPod(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        signal.removeEventListener("abort", done);
        this.#waiters.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
      this.#waiters.add(done);
    });
  }
}
