// One TCP forward kept up: resolves its target, watches the target's pods (shared watch), sends
// each new connection to a Ready pod, reports `reconnecting` while none can be reached (new
// connections then wait up to a bound) and probes with jittered backoff until one can.

import type { Duplex } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { V1EndpointSlice, V1Pod } from "@kubernetes/client-node";
import { FerryForwardError, PodPortRefusedError, toForwardError } from "../errors.ts";
import { getKube, type Kube } from "../kube/getKube.ts";
import {
  type ForwardStream,
  PodConnector,
  type PortForwardMode,
} from "../portforward/podConnector.ts";
import type { PortOwner } from "../ports/portInUse.ts";
import { containerPort, isPodReady } from "../resolve/podReadiness.ts";
import { resolveTarget, type TargetSpec } from "../resolve/resolveTarget.ts";
import { startTcpForwarder, type TcpForwarder } from "../tcp/tcpForwarder.ts";
import type { ForwardConfig, ForwardError, ForwardEvent, ForwardStatus } from "../types.ts";
import { nextBackoff, withJitter } from "./backoff.ts";
import { ForwardLifecycle } from "./forwardLifecycle.ts";
import { acquireWatch, type ListWatch, releaseWatch } from "./listWatch.ts";
import { ENDPOINT_SLICES, PODS, readyEndpointPods } from "./watchKinds.ts";

export interface TcpForwardOptions {
  emit: (event: ForwardEvent) => void;
  portOwner?: PortOwner;
  /** How long a new connection waits for a reachable pod before it is refused. */
  connectWaitMs?: number;
  pingMs?: number;
  /**
   * Without a SPDY tunnel (v4: one WebSocket per connection), keep one stream to the current pod
   * opened ahead while connections are arriving, so the next connection skips the TLS + upgrade
   * round trips. Default true.
   */
  spareStream?: boolean;
  /** `auto` (default): one SPDY tunnel per pod where the API server has it, else v4. */
  portForward?: PortForwardMode;
}

interface Spare {
  stream: ForwardStream;
  pod: string;
  timer: NodeJS.Timeout;
}

interface Chosen {
  name: string;
  port: number;
}

const DEFAULT_CONNECT_WAIT_MS = 10_000;
const OPEN_ATTEMPTS = 3;
/**
 * An unused spare is closed after this long and not replaced until the next connection: idle
 * forwards hold no stream, and apps with short handshake timeouts do not see a stale one used.
 */
const SPARE_TTL_MS = 5000;

export class TcpForward {
  readonly config: ForwardConfig;
  #o: TcpForwardOptions;
  readonly #life: ForwardLifecycle;
  #kube: Kube | null = null;
  #target: TargetSpec | null = null;
  #watch: ListWatch<V1Pod> | null = null;
  /** A service's EndpointSlices; null for label targets and clusters without the API. */
  #slices: ListWatch<V1EndpointSlice> | null = null;
  #unsubscribe: Array<() => void> = [];
  #listener: TcpForwarder | null = null;
  #current: Chosen | null = null;
  /** Pods whose streams failed recently: skipped until this time (epoch ms). */
  #bad = new Map<string, number>();
  #waiters = new Set<() => void>();
  #abort = new AbortController();
  #probing = false;
  #lastFailure: ForwardError | null = null;
  /** When a probe last opened a stream (epoch ms): the API server answered then. */
  #streamOpenedAt = 0;
  #connector: PodConnector | null = null;
  #spare: Spare | null = null;
  /** A spare being opened; a connection arriving meanwhile claims it instead of opening another. */
  #spareOpening: {
    pod: string;
    stream: Promise<ForwardStream | null>;
    claimed: boolean;
  } | null = null;

  constructor(config: ForwardConfig, options: TcpForwardOptions) {
    this.config = config;
    this.#o = options;
    this.#life = new ForwardLifecycle(config.id, options.emit, () => this.status());
  }

  status(): ForwardStatus {
    const bytes = this.#listener?.bytes() ?? { out: 0, in: 0 };
    return {
      id: this.config.id,
      alias: this.config.alias,
      state: this.#life.state,
      pod: this.#current && this.#target ? `${this.#target.namespace}/${this.#current.name}` : null,
      localAddress: this.config.local_address,
      localPort: this.#listener?.port ?? null,
      error: this.#life.error,
      connections: this.#listener?.connections() ?? 0,
      bytesIn: bytes.in,
      bytesOut: bytes.out,
      since: this.#life.since,
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
      this.#kube = getKube(this.config);
      this.#connector = new PodConnector(this.#kube.kc, {
        mode: this.#o.portForward,
        pingMs: this.#o.pingMs,
        log: (level, message) => this.#life.log(level, message),
      });
      this.#target = await resolveTarget(this.#kube, this.config);
      this.#watch = acquireWatch(this.#kube, PODS, this.#target.namespace, this.#target.selector);
      await this.#watch.synced();
      await this.#watchSlices();
      if (this.#abort.signal.aborted) return this.status();
      this.#listener = await startTcpForwarder({
        localAddress: this.config.local_address,
        localPort: this.config.local_port ?? this.config.remote_port,
        openStream: (signal) => this.#openStream(signal),
        portOwner: this.#o.portOwner,
        log: (level, message) => this.#life.log(level, message),
      });
      const changed = () => {
        // The pods changed: a failure seen on the old set says nothing about the new one.
        if (this.#watch?.healthy) this.#lastFailure = null;
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
    this.#dropSpare();
    if (this.#watch) releaseWatch(this.#watch);
    this.#watch = null;
    if (this.#slices) releaseWatch(this.#slices);
    this.#slices = null;
    const l = this.#listener;
    this.#listener = null;
    // Local sockets first: their streams then end quietly instead of as tunnel resets.
    await l?.close();
    this.#connector?.close();
    this.#connector = null;
    this.#current = null;
  }

  /** For a service, its EndpointSlices also decide which pods take traffic, as kube-proxy's do. */
  async #watchSlices(): Promise<void> {
    const t = this.#target!;
    if (!t.service) return;
    const w = acquireWatch(
      this.#kube!,
      ENDPOINT_SLICES,
      t.namespace,
      `kubernetes.io/service-name=${t.service}`,
    );
    try {
      await w.synced();
    } catch (err) {
      // No EndpointSlice API (old cluster) or not allowed to list it: pods alone decide.
      const code = (err as { code?: string }).code;
      if (code === "TARGET_NOT_FOUND" || code === "FORBIDDEN") {
        releaseWatch(w);
        return;
      }
    }
    this.#slices = w;
  }

  /** Pods the slices list as ready, or null when slices say nothing (none yet, API down). */
  #endpointFilter(): Set<string> | null {
    const w = this.#slices;
    if (!w?.healthy || w.items.size === 0) return null;
    return readyEndpointPods(w.items.values());
  }

  #usable(name: string, endpoints = this.#endpointFilter()): Chosen | null {
    const pod: V1Pod | undefined = this.#watch?.items.get(name);
    if (!pod || !isPodReady(pod)) return null;
    if (endpoints && !endpoints.has(name)) return null;
    const until = this.#bad.get(name);
    if (until !== undefined) {
      if (until > Date.now()) return null;
      this.#bad.delete(name);
    }
    const port = containerPort(pod, this.#target!.port);
    return port === null ? null : { name, port };
  }

  /** The pod new connections go to; `skip`: pods that already refused this connection. */
  #choose(skip?: Set<string>): Chosen | null {
    const endpoints = this.#endpointFilter();
    if (this.#current && !skip?.has(this.#current.name)) {
      const still = this.#usable(this.#current.name, endpoints);
      if (still) return still;
    }
    const names = [...(this.#watch?.items.keys() ?? [])].sort();
    for (const n of names) {
      if (skip?.has(n)) continue;
      const c = this.#usable(n, endpoints);
      if (c) return c;
    }
    return null;
  }

  /** Re-decides the pod and the state after the pods or a stream changed. */
  #evaluate(initial = false): void {
    if (!this.#listener || this.#abort.signal.aborted) return;
    const before = this.#current?.name;
    const chosen = this.#choose();
    this.#current = chosen;
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
    this.#probe();
  }

  /**
   * The pod watch cannot reach the API server and no stream has opened since: port-forwards go
   * through that server too, so the forward is not serving, whatever the cached pods say.
   */
  #apiDown(): boolean {
    const w = this.#watch;
    if (
      !w ||
      w.healthy ||
      (w.lastError as { code?: string } | null)?.code !== "CLUSTER_UNREACHABLE"
    )
      return false;
    return this.#streamOpenedAt < w.failedSince;
  }

  #noPodError(chosen: Chosen | null): ForwardError {
    if (chosen && this.#lastFailure) return this.#lastFailure;
    const w = this.#watch;
    if (w && !w.healthy && w.lastError) return toForwardError(w.lastError);
    const t = this.#target!;
    const port = typeof t.port === "string" ? ` with a port named "${t.port}"` : "";
    return {
      code: "NO_READY_POD",
      message: `no Ready pod${port} for ${t.describe} (selector ${t.selector})`,
    };
  }

  /** While reconnecting, tries the chosen pod with jittered backoff until a stream opens. */
  #probe(): void {
    if (this.#probing) return;
    this.#probing = true;
    const signal = this.#abort.signal;
    void (async () => {
      let backoff = 0;
      while (!signal.aborted && this.#life.state === "reconnecting") {
        backoff = nextBackoff(backoff);
        await sleep(withJitter(backoff), undefined, { signal }).catch(() => {});
        if (signal.aborted || this.#life.state !== "reconnecting") break;
        this.#bad.clear();
        const chosen = this.#choose();
        if (!chosen) continue;
        try {
          const s = await this.#openTo(chosen, signal);
          s.destroy();
          this.#streamOpenedAt = Date.now();
          this.#lastFailure = null;
          this.#evaluate();
        } catch (err) {
          this.#lastFailure = toForwardError(err);
          this.#life.set("reconnecting", this.#lastFailure);
        }
      }
      this.#probing = false;
    })();
  }

  #openTo(chosen: Chosen, signal: AbortSignal): Promise<ForwardStream> {
    if (!this.#connector)
      return Promise.reject(new FerryForwardError("PORT_FORWARD_FAILED", "forward stopped"));
    return this.#connector.open(
      { namespace: this.#target!.namespace, name: chosen.name },
      chosen.port,
      signal,
    );
  }

  /** A stream for one accepted connection: waits (bounded) for a pod, tries the next on failure. */
  async #openStream(signal: AbortSignal): Promise<Duplex> {
    const deadline = Date.now() + (this.#o.connectWaitMs ?? DEFAULT_CONNECT_WAIT_MS);
    let attempts = 0;
    const refusedBy = new Set<string>();
    let refusal: PodPortRefusedError | null = null;
    for (;;) {
      if (signal.aborted || this.#abort.signal.aborted)
        throw new FerryForwardError(
          "PORT_FORWARD_FAILED",
          "connection closed before it was forwarded",
        );
      const chosen = this.#life.state === "running" ? this.#choose(refusedBy) : null;
      // Every Ready pod refused the port: this connection fails, the forward stays up.
      if (!chosen && refusal) throw refusal;
      if (!chosen) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new FerryForwardError(
            "NO_READY_POD",
            `no reachable pod within ${this.#o.connectWaitMs ?? DEFAULT_CONNECT_WAIT_MS} ms: ${this.#life.error?.message ?? "reconnecting"}`,
          );
        await this.#waitForPod(left, signal);
        continue;
      }
      const spare = this.#takeSpare(chosen.name) ?? (await this.#claimOpeningSpare(chosen.name));
      if (spare) {
        this.#refillSpare();
        return spare;
      }
      try {
        const s = await this.#openTo(chosen, signal);
        this.#refillSpare();
        // Refused at once on the error channel: handled below like a failed open.
        if (s.errored) throw s.errored;
        return s;
      } catch (err) {
        if (signal.aborted || this.#abort.signal.aborted) throw err;
        this.#life.log("warn", `pod ${chosen.name}: ${(err as Error).message}`);
        if (err instanceof PodPortRefusedError) {
          // Nothing listens on that port in this pod (yet): another pod may; the pod stays usable.
          refusedBy.add(chosen.name);
          refusal = err;
          continue;
        }
        attempts++;
        this.#bad.set(chosen.name, Date.now() + 2000);
        if (this.#current?.name === chosen.name) this.#current = null;
        if (attempts >= OPEN_ATTEMPTS || !this.#choose()) {
          this.#lastFailure = toForwardError(err);
          this.#evaluate();
          attempts = 0;
        }
      }
    }
  }

  #dropSpare(): void {
    const sp = this.#spare;
    this.#spare = null;
    if (!sp) return;
    clearTimeout(sp.timer);
    sp.stream.destroy();
  }

  /** The spare, if it is still good and goes to the pod chosen now. */
  #takeSpare(pod: string): ForwardStream | null {
    const sp = this.#spare;
    if (!sp) return null;
    this.#spare = null;
    clearTimeout(sp.timer);
    const s = sp.stream;
    if (sp.pod !== pod || s.destroyed || s.remoteClosed || s.errored) {
      s.destroy();
      return null;
    }
    return s;
  }

  async #claimOpeningSpare(pod: string): Promise<ForwardStream | null> {
    const opening = this.#spareOpening;
    if (!opening || opening.claimed || opening.pod !== pod) return null;
    opening.claimed = true;
    const s = await opening.stream;
    if (!s || s.destroyed || s.remoteClosed || s.errored) {
      s?.destroy();
      return null;
    }
    return s;
  }

  #refillSpare(): void {
    if (this.#o.spareStream === false || this.#spare || this.#spareOpening) return;
    if (this.#life.state !== "running" || this.#abort.signal.aborted) return;
    const chosen = this.#choose();
    if (!chosen) return;
    // Inside a SPDY tunnel a new connection is one round trip: nothing to hide.
    if (this.#connector?.multiplexed({ namespace: this.#target!.namespace, name: chosen.name }))
      return;
    const opening = {
      pod: chosen.name,
      claimed: false,
      stream: this.#openTo(chosen, this.#abort.signal).catch(() => null),
    };
    this.#spareOpening = opening;
    void opening.stream.then((stream) => {
      if (this.#spareOpening === opening) this.#spareOpening = null;
      if (!stream || opening.claimed) return;
      if (this.#abort.signal.aborted || stream.destroyed || this.#spare)
        return void stream.destroy();
      const timer = setTimeout(() => {
        if (this.#spare?.stream === stream) this.#spare = null;
        stream.destroy();
      }, SPARE_TTL_MS);
      timer.unref();
      stream.once("close", () => {
        if (this.#spare?.stream !== stream) return;
        clearTimeout(timer);
        this.#spare = null;
      });
      this.#spare = { stream, pod: chosen.name, timer };
    });
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
