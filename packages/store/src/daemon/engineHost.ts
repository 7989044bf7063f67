import {
  type Engine as CoreEngine,
  createEngine,
  type ForwardConfig,
  type ForwardEvent,
  type ForwardStatus,
  relayOwnerId,
  sweepOrphanRelays,
} from "@ferry/core";
import type { DaemonLog } from "./daemonLog.ts";
import { forwardStatusBase } from "./forwardStatusBase.ts";

/** What the daemon needs from the engine; `available` is false only when it failed to start. */
export interface Engine {
  readonly available: boolean;
  start(config: ForwardConfig): Promise<void>;
  stop(id: number): Promise<void>;
  status(id: number): ForwardStatus | null;
  onEvent(listener: (event: ForwardEvent) => void): () => void;
  /** Deletes relay pods left by an earlier crash (label sweep); never throws. */
  sweepOrphans(): Promise<void>;
  /** Stops every forward: listeners, streams, relay pods, hosts entries. */
  close(): Promise<void>;
}

type Listener = (event: ForwardEvent) => void;

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
      if (s) emit({ ...s, state: "stopped", error: null, since: Date.now() });
    },
    status: (id) => states.get(id) ?? null,
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
  /** API client for a kubeconfig + context, for the orphan sweep. */
  apiFor: Parameters<typeof sweepOrphanRelays>[0]["apiFor"];
  /** Alias of the saved config that uses this local address and port, for PORT_IN_USE messages. */
  portOwner?: (address: string, port: number) => string | undefined;
  /** Where saved relay configs live: swept besides the places core's ledger remembers. */
  relayScopes: () => { kubeconfig: string | null; context: string | null; namespace: string }[];
}

/**
 * The relay sweep on daemon start and on demand: core's ledger of places it created relays, plus
 * every namespace of the saved relay configs, minus the forwards running now.
 */
async function sweep(core: CoreEngine, options: EngineHostOptions): Promise<void> {
  const running = new Set(
    core
      .status()
      .filter((s) => s.state !== "stopped")
      .map((s) => s.id),
  );
  const result = await sweepOrphanRelays({
    ferryHome: options.home,
    owner: relayOwnerId(),
    running,
    apiFor: options.apiFor,
    scopes: options.relayScopes(),
  });
  for (const pod of result.deleted) {
    options.log.info(`deleted orphan relay pod ${pod.namespace}/${pod.name}`);
  }
  for (const problem of result.problems) options.log.warn(`relay sweep: ${problem}`);
}

/** Starts `@ferry/core`'s engine for this FERRY_HOME, or a stand-in that says why it cannot. */
export async function loadEngine(options: EngineHostOptions): Promise<Engine> {
  const { home, log } = options;
  let core: CoreEngine;
  try {
    core = createEngine({
      ferryHome: home,
      portOwner: options.portOwner,
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
    stop: async (id) => {
      await core.stop(id);
    },
    status: (id) => core.status(id),
    onEvent: (listener) => core.on(listener),
    sweepOrphans: () =>
      sweep(core, options).catch((err) => log.warn(`relay pod sweep failed: ${err.message}`)),
    close: () => core.close(),
  };
}
