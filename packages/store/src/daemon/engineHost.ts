import type { ForwardConfig, ForwardEvent, ForwardStatus } from "@ferry/core";
import type { DaemonLog } from "./daemonLog.ts";

/** What the daemon needs from the engine, whatever shape `@ferry/core`'s createEngine settles on. */
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
// biome-ignore lint/suspicious/noExplicitAny: the engine module is probed at run time.
type Loose = any;

/** Adapts the object core's createEngine returns (events as emitter or as subscribe function). */
function adapt(raw: Loose, log: DaemonLog): Engine {
  /** A returned unsubscribe function, or an async iterable of events to drain. */
  const settle = (result: Loose, listener: Listener): (() => void) => {
    if (typeof result === "function") return result;
    if (result && typeof result[Symbol.asyncIterator] === "function") {
      const iterator = result[Symbol.asyncIterator]();
      void (async () => {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          listener(next.value);
        }
      })().catch((err) => log.warn(`engine event stream ended: ${err}`));
      return () => void iterator.return?.();
    }
    return () => {};
  };
  const subscribe = (listener: Listener): (() => void) => {
    if (typeof raw.subscribe === "function") return settle(raw.subscribe(listener), listener);
    if (typeof raw.events === "function") return settle(raw.events(listener), listener);
    if (raw.events && typeof raw.events[Symbol.asyncIterator] === "function") {
      return settle(raw.events, listener);
    }
    const emitter =
      typeof raw.events?.on === "function" ? raw.events : typeof raw.on === "function" ? raw : null;
    if (emitter) {
      emitter.on("event", listener);
      return () => emitter.off("event", listener);
    }
    log.warn("engine exposes no event stream; states come from polling only");
    return () => {};
  };
  const statusOf = (id: number): ForwardStatus | null => {
    const all = raw.status?.(id) ?? null;
    if (Array.isArray(all)) return all.find((s: ForwardStatus) => s.id === id) ?? null;
    return all;
  };
  return {
    available: true,
    start: async (config) => {
      await raw.start(config);
    },
    stop: async (id) => {
      await raw.stop(id);
    },
    status: statusOf,
    onEvent: subscribe,
    sweepOrphans: async () => {
      try {
        if (typeof raw.sweepOrphans === "function") await raw.sweepOrphans();
      } catch (err) {
        log.warn(`relay pod sweep failed: ${(err as Error).message}`);
      }
    },
    close: async () => {
      if (typeof raw.stopAll === "function") await raw.stopAll();
      if (typeof raw.close === "function") await raw.close();
    },
  };
}

/** Used when the engine cannot be loaded: every start ends in a clear `error` state. */
function unavailableEngine(reason: string): Engine {
  const listeners = new Set<Listener>();
  const states = new Map<number, ForwardStatus>();
  const emit = (status: ForwardStatus) => {
    states.set(status.id, status);
    for (const l of listeners) l({ type: "status", status });
  };
  const base = (config: ForwardConfig) => ({
    id: config.id,
    alias: config.alias,
    pod: null,
    localAddress: config.local_address,
    localPort: config.local_port ?? config.remote_port,
    connections: 0,
    bytesIn: 0,
    bytesOut: 0,
    since: Date.now(),
  });
  return {
    available: false,
    start: async (config) =>
      emit({
        ...base(config),
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
  /** API client for a kubeconfig + context (for the orphan sweep when the engine has none). */
  apiFor: (kubeconfig: string | null, context: string | null) => unknown;
  /** Where saved relay configs live: swept besides the places core's ledger remembers. */
  relayScopes: () => { kubeconfig: string | null; context: string | null; namespace: string }[];
}

/** core's relay sweep (issue 6), used when the engine does not sweep by itself. */
function ledgerSweep(core: Loose, options: EngineHostOptions): (() => Promise<void>) | null {
  if (typeof core.sweepOrphanRelays !== "function" || typeof core.relayOwnerId !== "function") {
    return null;
  }
  return async () => {
    const result = await core.sweepOrphanRelays({
      ferryHome: options.home,
      owner: core.relayOwnerId(),
      running: new Set<number>(),
      apiFor: options.apiFor,
      scopes: options.relayScopes(),
    });
    for (const pod of result.deleted) {
      options.log.info(`deleted orphan relay pod ${pod.namespace}/${pod.name}`);
    }
    for (const problem of result.problems) options.log.warn(`relay sweep: ${problem}`);
  };
}

/** Loads `@ferry/core`'s engine for this FERRY_HOME, or a stand-in that reports why it cannot. */
export async function loadEngine(options: EngineHostOptions): Promise<Engine> {
  const { home, log } = options;
  try {
    const core: Loose = await import("@ferry/core");
    const sweep = ledgerSweep(core, options);
    if (typeof core.createEngine !== "function") {
      const engine = unavailableEngine(
        "this build of @ferry/core has no createEngine(); forwards cannot start",
      );
      if (!sweep) return engine;
      return {
        ...engine,
        sweepOrphans: () => sweep().catch((e) => log.warn(`relay sweep failed: ${e.message}`)),
      };
    }
    const raw = await core.createEngine({ ferryHome: home, home, log: (m: string) => log.info(m) });
    if (typeof raw.sweepOrphans !== "function" && typeof raw.sweep === "function") {
      raw.sweepOrphans = raw.sweep;
    }
    if (typeof raw.sweepOrphans !== "function" && sweep) raw.sweepOrphans = sweep;
    return adapt(raw, log);
  } catch (err) {
    log.error(`cannot load the engine: ${(err as Error).stack ?? err}`);
    return unavailableEngine(`the forwarding engine failed to load: ${(err as Error).message}`);
  }
}
