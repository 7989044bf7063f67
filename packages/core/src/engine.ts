// The engine the daemon hosts: one forward per config id, TCP through TcpForward, UDP and proxy
// through the relay forwarder, events fanned out to subscribers, traffic sampled once a second.

import { HostsFile } from "./hosts/hostsFile.ts";
import { loadClientNode } from "./kube/clientNode.ts";
import { getKubeAsync } from "./kube/getKube.ts";
import { DEFAULT_PING_MS, DEFAULT_PING_TIMEOUT_MS } from "./portforward/lean/liveness.ts";
import type { Gate, PortForwardMode } from "./portforward/podConnector.ts";
import type { PortOwner } from "./ports/portInUse.ts";
import { addressesClash } from "./ports/processHoldingPort.ts";
import { createRelayForwarder } from "./relay/createRelayForwarder.ts";
import { needsRelay } from "./relay/needsRelay.ts";
import type { RelayForwarder } from "./relay/relayForwarder.ts";
import { relayOwnerId } from "./relay/relayLabels.ts";
import type { RelayScope } from "./relay/relayLedger.ts";
import { sweepOrphanRelays } from "./relay/sweepOrphanRelays.ts";
import type { SweepResult } from "./relay/sweepRelayPods.ts";
import type { WatchOptions } from "./supervisor/listWatch.ts";
import { DEFAULT_MAX_RECONNECTS, ReconnectGate } from "./supervisor/reconnectGate.ts";
import { TcpForward } from "./supervisor/tcpForward.ts";
import { type Clock, watchForWake } from "./supervisor/wakeDetector.ts";
import { HttpLogUnsupportedError } from "./tcp/forwardHttpLog.ts";
import type { ForwardConfig, ForwardEvent, ForwardStatus, HttpLogSettings } from "./types.ts";

export interface EngineOptions {
  ferryHome: string;
  /**
   * @deprecated Ignored. PORT_IN_USE names a Ferry config only when one of this engine's running
   * forwards holds the port (else the program holding it); a saved config that is not running
   * holds nothing.
   */
  portOwner?: (address: string, port: number) => string | undefined;
  /** How long a new connection waits for a Ready pod while reconnecting (default 10 s). */
  connectWaitMs?: number;
  /**
   * Liveness of every port-forward connection (SPDY tunnel: SPDY PING; v4 stream: WebSocket
   * ping): a connection quiet this long is pinged (default 15 s; 0: only before use and on wake).
   */
  pingMs?: number;
  /** No byte within this long after a ping: the connection is dead and replaced (default 5 s). */
  pingTimeoutMs?: number;
  /** A tunnel with no connections closes after this long (default 30 s). */
  tunnelIdleMs?: number;
  /** Server-side bound of each watch, jittered up to +50 % (default 120 s). */
  watchTimeoutSeconds?: number;
  /** A watch with no byte for this long is renewed (default 30 s). */
  watchIdleMs?: number;
  /** Connection attempts to one API server in flight at once, after a wake or outage (default 4). */
  maxReconnectsPerCluster?: number;
  /** How often the wake detector looks at the clocks and the network (default 5 s; 0: off). */
  wakeCheckMs?: number;
  /** A clock jump or a timer this late counts as a wake (default 10 s). */
  wakeLateMs?: number;
  /** Tests: the clocks the wake detector reads. */
  clock?: Clock;
  /** Without a SPDY tunnel, pre-open one stream per busy TCP forward (default true). */
  spareStreams?: boolean;
  /** `auto` (default): one SPDY tunnel per pod where the API server has it; `v4`: never. */
  portForward?: PortForwardMode;
  /**
   * Replaces the relay container's image in every relay pod (a mirror for air-gapped clusters);
   * default `FERRY_RELAY_IMAGE`, else the template's image.
   */
  relayImage?: string;
  /** The relay pod template (the `proxy.manifest_path` setting); default $FERRY_HOME/proxy_manifest.json. */
  relayManifestPath?: string;
  /** Hosts file for `domain_enabled` forwards (default FERRY_HOSTS_FILE or /etc/hosts). */
  hostsFile?: string;
}

export interface Engine {
  start(config: ForwardConfig): Promise<ForwardStatus>;
  stop(id: number): Promise<ForwardStatus | null>;
  stopAll(): Promise<void>;
  /** All forwards, or the one with this id (null if unknown). */
  status(): ForwardStatus[];
  status(id: number): ForwardStatus | null;
  on(listener: (event: ForwardEvent) => void): () => void;
  /** Same as on(). */
  subscribe(listener: (event: ForwardEvent) => void): () => void;
  /**
   * Deletes the relay pods this user's Ferry left behind (a crash), wherever the ledger in
   * ferryHome says relays were made, plus `scopes` (e.g. every namespace of the saved relay
   * configs); never a running forward's. Failures are in `problems`, never thrown.
   */
  sweepOrphans(options?: { scopes?: RelayScope[] }): Promise<SweepResult>;
  /**
   * Every running forward checks its API connection now (a tunnel is pinged, a dead one
   * replaced; watches restart), as after a detected wake. For hosts that learn of a resume or a
   * network change another way.
   */
  wake(reason?: string): void;
  /**
   * Turns a forward's HTTP log on (or changes its settings) or off (null), live: connections
   * accepted from now on are tapped or not; no restart. null for an unknown id. A UDP forward
   * throws HTTP_LOG_UNSUPPORTED ("HTTP logs need a TCP forward"); bad settings throw
   * HTTP_LOG_INVALID_SETTING naming the field. Either way nothing changes.
   */
  setHttpLog(id: number, settings: HttpLogSettings | null): ForwardStatus | null;
  close(): Promise<void>;
}

type Forward = TcpForward | RelayForwarder;

export function createEngine(options: EngineOptions): Engine {
  const forwards = new Map<number, Forward>();
  const listeners = new Set<(event: ForwardEvent) => void>();
  const lastSample = new Map<number, string>();
  const hosts = new HostsFile(options.hostsFile);
  const gate = new ReconnectGate(options.maxReconnectsPerCluster ?? DEFAULT_MAX_RECONNECTS);
  const gateFor =
    (cluster: string): Gate =>
    (attempt, signal) =>
      gate.run(cluster, attempt, signal);
  const liveness = {
    pingMs: options.pingMs ?? DEFAULT_PING_MS,
    pingTimeoutMs: options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS,
  };
  const watch: WatchOptions = {
    timeoutSeconds: options.watchTimeoutSeconds,
    idleMs: options.watchIdleMs,
  };

  const emit = (event: ForwardEvent) => {
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        // A subscriber's bug must not break forwarding.
      }
    }
  };

  /** For the forward `self`: which other running forward holds a port it could not bind. */
  const portOwnerFor =
    (self: number): PortOwner =>
    (address, port, protocol) => {
      for (const f of forwards.values()) {
        const s = f.status();
        if (f.config.id === self || f.config.protocol !== protocol || s.localPort !== port)
          continue;
        if (s.state !== "stopped" && addressesClash(s.localAddress, address)) return f.config.alias;
      }
      return undefined;
    };

  const sample = setInterval(() => {
    const at = Date.now();
    for (const f of forwards.values()) {
      const s = f.status();
      const key = `${s.bytesIn}/${s.bytesOut}/${s.connections}`;
      if (lastSample.get(s.id) === key) continue;
      lastSample.set(s.id, key);
      emit({
        type: "traffic",
        id: s.id,
        bytesIn: s.bytesIn,
        bytesOut: s.bytesOut,
        connections: s.connections,
        at,
      });
    }
  }, 1000);
  sample.unref();

  const make = (config: ForwardConfig): Forward => {
    if (!needsRelay(config))
      return new TcpForward(config, {
        emit,
        ferryHome: options.ferryHome,
        portOwner: portOwnerFor(config.id),
        connectWaitMs: options.connectWaitMs,
        ...liveness,
        tunnelIdleMs: options.tunnelIdleMs,
        gate: gateFor,
        watch,
        spareStream: options.spareStreams,
        portForward: options.portForward,
      });
    return createRelayForwarder(config, {
      ferryHome: options.ferryHome,
      emit,
      relayImage: options.relayImage,
      relayManifestPath: options.relayManifestPath,
      portOwner: portOwnerFor(config.id),
      portForward: options.portForward,
      ...liveness,
      gate: gateFor,
    });
  };

  const wake = (reason = "wake requested") => {
    for (const f of forwards.values()) f.checkConnections(reason);
  };
  const stopWake = watchForWake({
    everyMs: options.wakeCheckMs,
    lateMs: options.wakeLateMs,
    clock: options.clock,
    onWake: wake,
  });

  const stop = async (id: number): Promise<ForwardStatus | null> => {
    const f = forwards.get(id);
    if (!f) return null;
    forwards.delete(id);
    lastSample.delete(id);
    const stopped = await f.stop();
    if (f.config.domain_enabled) await hosts.remove(id).catch(() => {});
    return stopped;
  };

  // A forward runs without its host name rather than not at all when the hosts file is closed.
  const publishHostname = async (config: ForwardConfig): Promise<void> => {
    if (!config.domain_enabled) return;
    try {
      await hosts.add(config.id, { address: config.local_address, hostname: config.alias });
      emit({
        type: "log",
        id: config.id,
        level: "info",
        message: `${config.alias} → ${config.local_address} added to ${hosts.path}`,
        at: Date.now(),
      });
    } catch (err) {
      emit({
        type: "log",
        id: config.id,
        level: "warn",
        message: (err as Error).message,
        at: Date.now(),
      });
    }
  };

  function subscribe(listener: (event: ForwardEvent) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  function status(): ForwardStatus[];
  function status(id: number): ForwardStatus | null;
  function status(id?: number): ForwardStatus[] | ForwardStatus | null {
    if (id === undefined) return [...forwards.values()].map((f) => f.status());
    return forwards.get(id)?.status() ?? null;
  }

  return {
    async start(config) {
      if (forwards.has(config.id)) await stop(config.id);
      let f: Forward;
      try {
        // Relay forwards build their kube clients in make(): the client library first.
        if (needsRelay(config)) await loadClientNode();
        f = make(config);
      } catch {
        // A relay forward whose kubeconfig/context cannot be loaded: TcpForward.start() meets the
        // same getKube() error first and reports it as the forward's `error` state.
        f = new TcpForward(config, {
          emit,
          ferryHome: options.ferryHome,
          portOwner: portOwnerFor(config.id),
        });
      }
      forwards.set(config.id, f);
      const started = await f.start();
      if (started.state !== "error" && started.state !== "stopped") await publishHostname(config);
      return started;
    },
    stop,
    async stopAll() {
      await Promise.all([...forwards.keys()].map((id) => stop(id)));
    },
    status,
    on: subscribe,
    subscribe,
    sweepOrphans(sweep = {}) {
      const running = new Set<number>();
      for (const f of forwards.values()) {
        const state = f.status().state;
        if (needsRelay(f.config) && state !== "stopped" && state !== "error")
          running.add(f.config.id);
      }
      return sweepOrphanRelays({
        ferryHome: options.ferryHome,
        owner: relayOwnerId(),
        running,
        scopes: sweep.scopes,
        apiFor: async (kubeconfig, context) =>
          (await getKubeAsync({ kubeconfig, context })).coreApi,
      });
    },
    wake,
    setHttpLog(id, settings) {
      const f = forwards.get(id);
      if (!f) return null;
      if (settings && f.config.protocol === "udp") throw new HttpLogUnsupportedError();
      f.setHttpLog(settings);
      return f.status();
    },
    async close() {
      clearInterval(sample);
      stopWake();
      await Promise.all([...forwards.keys()].map((id) => stop(id)));
      listeners.clear();
    },
  };
}
