// How a forward reaches its pod's port: through one SPDY tunnel per pod when the API server has
// it (1.31+), every connection a stream inside it; otherwise one v4 WebSocket per connection.
// The first refused tunnel falls back to v4 for that connection, and, if v4 then works, for the
// whole cluster for a while.

import type { Duplex } from "node:stream";
import type { KubeConfig } from "@kubernetes/client-node";
import { type DialOptions, type PodTarget, UpgradeRefusedError } from "./dialPortForward.ts";
import { openLeanTunnel } from "./lean/leanTunnel.ts";
import { openLeanV4Stream } from "./lean/leanV4Stream.ts";
import type { LivenessOptions } from "./lean/liveness.ts";
import { openPortForwardStream } from "./openPortForwardStream.ts";
import { openSpdyTunnel, SPDY_TUNNEL_PROTOCOL, TunnelUnsupportedError } from "./spdyTunnel.ts";

/**
 * `auto`: the SPDY tunnel where the server has it, else v4. `v4`: one WebSocket per connection.
 * `spdy-transport`: the previous implementation (the tunnel on spdy-transport over `ws`, v4 on
 * `ws`), kept for one release as a fallback; `lean`: the one-pass code (`lean/`) for both.
 */
export type PortForwardMode = "auto" | "v4" | "spdy-transport" | "lean";

/** What PodConnector needs of a tunnel, whichever implementation carries it. */
export interface Tunnel {
  readonly pod: PodTarget;
  readonly closed: string | null;
  readonly active: number;
  onIdle(listener: () => void): void;
  onClose(listener: (why: string) => void): () => void;
  openStream(port: number, options?: DialOptions): Promise<ForwardStream>;
  close(why?: string): void;
  /** Pings now (the lean tunnel); a tunnel that does not answer in time closes itself. */
  checkAlive?(onResult?: (alive: boolean) => void): void;
  /** True once it closed because it stopped answering (not idle, not GOAWAY, not by Ferry). */
  readonly silent?: boolean;
}

/** `verify`: pings a stream opened ahead (v4 spare) before a connection relies on it. */
export type ForwardStream = Duplex & { remoteClosed: boolean; verify?(): Promise<boolean> };

/** Runs a connection attempt to the API server once the cluster's reconnect limit allows. */
export type Gate = <T>(attempt: () => Promise<T>, signal?: AbortSignal) => Promise<T>;

export interface PodConnectorOptions extends LivenessOptions {
  mode?: PortForwardMode;
  /** A tunnel with no connections is closed after this long (default 30 s). */
  idleMs?: number;
  log?: (level: "info" | "warn", message: string) => void;
  /** Tunnel opens (and v4 opens asked to be gated) wait here: at most N per cluster at once. */
  gate?: Gate;
  /** A tunnel died silently (no answer to a ping in time); connections on it were reset. */
  onSilentDeath?: (why: string) => void;
}

const ungated: Gate = (attempt) => attempt();

/** Clusters whose API server refused the tunnel while v4 worked: v4 only until this time. */
const noTunnelUntil = new WeakMap<KubeConfig, number>();
const RECHECK_MS = 10 * 60_000;
const DEFAULT_IDLE_MS = 30_000;

/**
 * Which tunnel code runs: `FERRY_PORT_FORWARD=spdy-transport` in the environment picks the old
 * one for `auto` too, so the daemon's setting reaches core whatever its host passes.
 */
export function tunnelImplementation(mode: PortForwardMode | undefined): "lean" | "spdy-transport" {
  if (mode === "lean" || mode === "spdy-transport") return mode;
  const env = process.env.FERRY_PORT_FORWARD;
  return env === "spdy-transport" || env === "lean" ? env : DEFAULT_TUNNEL;
}
const DEFAULT_TUNNEL: "lean" | "spdy-transport" = "lean";

const podKey = (p: PodTarget) => `${p.namespace}/${p.name}`;

interface Current {
  key: string;
  opening: Promise<Tunnel>;
  tunnel: Tunnel | null;
}

export class PodConnector {
  readonly #kc: KubeConfig;
  readonly #o: PodConnectorOptions;
  #current: Current | null = null;
  /** Tunnels to pods no longer chosen: closed once their last connection ends. */
  readonly #retired = new Set<Tunnel>();
  #idle: NodeJS.Timeout | null = null;
  #closed = false;
  #saidTunnel = false;
  readonly #v4 = new Set<ForwardStream>();

  constructor(kc: KubeConfig, options: PodConnectorOptions = {}) {
    this.#kc = kc;
    this.#o = options;
  }

  /** True when new connections to `pod` are streams in an open tunnel (no setup to hide). */
  multiplexed(pod: PodTarget): boolean {
    const c = this.#current;
    return !!c?.tunnel && !c.tunnel.closed && c.key === podKey(pod);
  }

  /**
   * Pings the current tunnel and every open v4 stream: "alive", "dead" (something did not answer
   * and closed; a tunnel's onSilentDeath follows) or "none" (nothing open to check).
   */
  checkAlive(): Promise<"alive" | "dead" | "none"> {
    const checks: Promise<boolean>[] = [];
    const t = this.#current?.tunnel;
    if (t && !t.closed && t.checkAlive)
      checks.push(new Promise((resolve) => t.checkAlive?.((alive) => resolve(alive))));
    for (const s of this.#v4) if (s.verify) checks.push(s.verify());
    if (checks.length === 0) return Promise.resolve("none");
    return Promise.all(checks).then((r) => (r.every(Boolean) ? "alive" : "dead"));
  }

  /** `gated`: a v4 open waits for the cluster's reconnect limit too (probes, not connections). */
  async open(
    pod: PodTarget,
    port: number,
    signal?: AbortSignal,
    gated = false,
  ): Promise<ForwardStream> {
    if (!this.#tunnelling())
      return gated
        ? (this.#o.gate ?? ungated)(() => this.#openV4(pod, port, signal), signal)
        : this.#openV4(pod, port, signal);
    for (let attempt = 0; ; attempt++) {
      let tunnel: Tunnel;
      try {
        tunnel = await this.#tunnelTo(pod);
      } catch (err) {
        if (!(err instanceof UpgradeRefusedError || err instanceof TunnelUnsupportedError))
          throw err;
        const stream = await this.#openV4(pod, port, signal);
        // v4 works where the tunnel was refused: this server has no tunnel. Connections that
        // were refused together say so once.
        if (this.#tunnelling()) {
          noTunnelUntil.set(this.#kc, Date.now() + RECHECK_MS);
          this.#o.log?.("info", `${(err as Error).message}; using one WebSocket per connection`);
        }
        return stream;
      }
      try {
        return await tunnel.openStream(port, { signal });
      } catch (err) {
        // The tunnel died under us (pod gone, API restarted): one more try on a fresh one.
        if (!tunnel.closed || signal?.aborted || attempt > 0) throw err;
      }
    }
  }

  close(): void {
    this.#closed = true;
    if (this.#idle) clearTimeout(this.#idle);
    const c = this.#current;
    this.#current = null;
    c?.tunnel?.close();
    void c?.opening.then((t) => t.close()).catch(() => {});
    for (const t of this.#retired) t.close();
    this.#retired.clear();
  }

  #tunnelling(): boolean {
    if (this.#o.mode === "v4") return false;
    return (noTunnelUntil.get(this.#kc) ?? 0) < Date.now();
  }

  async #openV4(pod: PodTarget, port: number, signal?: AbortSignal): Promise<ForwardStream> {
    const options = { signal, pingMs: this.#o.pingMs, pingTimeoutMs: this.#o.pingTimeoutMs };
    if (tunnelImplementation(this.#o.mode) === "spdy-transport")
      return openPortForwardStream(this.#kc, pod, port, options);
    const s = await openLeanV4Stream(this.#kc, pod, port, options);
    // Kept while open, so a wake can ping each (a v4 stream is its own API connection).
    if (!s.destroyed) {
      this.#v4.add(s);
      s.once("close", () => this.#v4.delete(s));
    }
    return s;
  }

  #tunnelTo(pod: PodTarget): Promise<Tunnel> {
    const key = podKey(pod);
    const c = this.#current;
    if (c && c.key === key && !c.tunnel?.closed) return c.opening;
    if (c?.tunnel) this.#retire(c.tunnel);
    else void c?.opening.then((t) => this.#retire(t)).catch(() => {});
    const next: Current = {
      key,
      tunnel: null,
      opening: this.#openTunnel(pod),
    };
    this.#current = next;
    next.opening.then(
      (t) => {
        if (!this.#saidTunnel) {
          this.#saidTunnel = true;
          this.#o.log?.(
            "info",
            `connections go through one SPDY tunnel per pod (${SPDY_TUNNEL_PROTOCOL})`,
          );
        }
        if (this.#closed) {
          t.close();
          return;
        }
        next.tunnel = t;
        t.onIdle(() => this.#armIdle(t));
        t.onClose((why) => {
          if (this.#current === next) this.#current = null;
          if (t.silent && !this.#closed) this.#o.onSilentDeath?.(why);
        });
        this.#armIdle(t);
      },
      () => {
        if (this.#current === next) this.#current = null;
      },
    );
    return next.opening;
  }

  #openTunnel(pod: PodTarget): Promise<Tunnel> {
    const options = { pingMs: this.#o.pingMs, pingTimeoutMs: this.#o.pingTimeoutMs };
    const gate = this.#o.gate ?? ungated;
    if (tunnelImplementation(this.#o.mode) === "spdy-transport")
      return gate(() => openSpdyTunnel(this.#kc, pod, options));
    return gate(() =>
      openLeanTunnel(
        this.#kc,
        pod,
        options,
        (protocol) =>
          new TunnelUnsupportedError(
            "PORT_FORWARD_FAILED",
            `the API server has no SPDY port-forward tunnel (it chose "${protocol}")`,
          ),
      ),
    );
  }

  #retire(t: Tunnel): void {
    if (this.#current?.tunnel === t) return;
    if (t.active === 0) {
      t.close("its pod is no longer chosen");
      return;
    }
    this.#retired.add(t);
    t.onIdle(() => {
      this.#retired.delete(t);
      t.close("its pod is no longer chosen");
    });
    t.onClose(() => this.#retired.delete(t));
  }

  /** An idle forward holds no connection to the API server once its tunnel has been unused. */
  #armIdle(t: Tunnel): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      if (t.active === 0 && this.#current?.tunnel === t) {
        this.#current = null;
        t.close("idle");
      }
    }, this.#o.idleMs ?? DEFAULT_IDLE_MS);
    this.#idle.unref();
  }
}
