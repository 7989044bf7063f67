import {
  type Engine as CoreEngine,
  createEngine,
  type EngineOptions,
  type ForwardConfig,
  type ForwardEvent,
  type ForwardStatus,
  type RelayScope,
} from "@ferry/core";
import type { HttpLogSettings } from "@ferry/http-log";
import type { DaemonLog } from "./daemonLog.ts";
import { forwardStatusBase } from "./forwardStatusBase.ts";

/** Core's events, `http` (an exchange a forward's HTTP log recorded) included. */
export type EngineEvent = ForwardEvent;

/** A config as the engine takes it: with its HTTP log settings (`http_log`, null: logging off). */
export type EngineConfig = ForwardConfig;

/** What the daemon needs from the engine; `available` is false only when it failed to start. */
export interface Engine {
  readonly available: boolean;
  start(config: EngineConfig): Promise<void>;
  /**
   * Turns a running forward's HTTP log on (settings), updates it, or off (null), live: new
   * connections are tapped or not from now on. UDP: HTTP_LOG_UNSUPPORTED.
   */
  setHttpLog(id: number, settings: HttpLogSettings | null): ForwardStatus | null;
  /** The forward's final status, or null when the engine did not run it. */
  stop(id: number): Promise<ForwardStatus | null>;
  status(id: number): ForwardStatus | null;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Deletes relay pods left by an earlier crash (label sweep); never throws. */
  sweepOrphans(): Promise<void>;
  /** Stops every forward: listeners, streams, relay pods, hosts entries. */
  close(): Promise<void>;
}

type Listener = (event: EngineEvent) => void;

/** Used when the engine cannot be loaded: every start ends in a clear `error` state. */
function unavailableEngine(reason: string): Engine {
  const listeners = new Set<Listener>();
  const states = new Map<number, ForwardStatus>();
  const emit = (status: ForwardStatus) => {
    states.set(status.id, status);
    for (const l of listeners) l({ type: "status", status });
  };
  return {
    available: false,
    start: async (config) =>
      emit({
        ...forwardStatusBase(config),
        state: "error",
        error: { code: "ENGINE_UNAVAILABLE", message: reason },
      }),
    stop: async (id) => {
      const s = states.get(id);
      if (!s) return null;
      emit({ ...s, state: "stopped", error: null, since: Date.now() });
      return states.get(id) ?? null;
    },
    status: (id) => states.get(id) ?? null,
    setHttpLog: () => null,
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    sweepOrphans: async () => {},
    close: async () => {},
  };
}

export interface EngineHostOptions {
  home: string;
  log: DaemonLog;
  /** Where saved relay configs live: swept besides the places core's ledger remembers. */
  relayScopes: () => RelayScope[];
  /** Relay container image in every relay pod, a mirror (setting `relay.image`). */
  relayImage?: string;
  /** Relay pod template instead of $FERRY_HOME/proxy_manifest.json (setting `proxy.manifest_path`). */
  relayManifestPath?: string;
  /** Liveness and reconnect limits from the `engine.*` settings (see engineSettings.ts). */
  tuning?: Partial<EngineOptions>;
}

/** Starts `@ferry/core`'s engine for this FERRY_HOME, or a stand-in that says why it cannot. */
export async function loadEngine(options: EngineHostOptions): Promise<Engine> {
  const { home, log } = options;
  let core: CoreEngine;
  try {
    core = createEngine({
      ...options.tuning,
      ferryHome: home,
      relayImage: options.relayImage,
      relayManifestPath: options.relayManifestPath,
      // An escape hatch for proxies in front of the API server that mangle the SPDY tunnel.
      portForward: process.env.FERRY_PORT_FORWARD === "v4" ? "v4" : "auto",
    });
  } catch (err) {
    log.error(`cannot start the engine: ${(err as Error).stack ?? err}`);
    return unavailableEngine(`the forwarding engine failed to start: ${(err as Error).message}`);
  }
  return {
    available: true,
    start: async (config) => {
      await core.start(config);
    },
    stop: (id) => core.stop(id),
    status: (id) => core.status(id),
    setHttpLog: (id, settings) => core.setHttpLog(id, settings),
    onEvent: (listener) => core.on(listener),
    // Core's one sweep: its ledger plus these scopes, never a running forward's pod; never throws.
    sweepOrphans: async () => {
      const result = await core.sweepOrphans({ scopes: options.relayScopes() });
      for (const pod of result.deleted)
        log.info(`deleted orphan relay pod ${pod.namespace}/${pod.name}`);
      for (const problem of result.problems) log.warn(`relay sweep: ${problem}`);
    },
    close: () => core.close(),
  };
}
