import type { ForwardEvent, ForwardStatus } from "@ferry/core";
import { ApiError } from "../api/apiError.ts";
import type { ForwardRow, ForwardSelector, ForwardUpdate, Runtime } from "../api/contextTypes.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import type { Config } from "../schema/config.ts";
import type { DaemonLog } from "./daemonLog.ts";
import type { Engine } from "./engineHost.ts";
import { forwardRow } from "./forwardRow.ts";
import { forwardStatusBase } from "./forwardStatusBase.ts";

const ACTIVE = new Set(["starting", "running", "reconnecting"]);

export interface DaemonRuntime extends Runtime {
  /** Stops every forward (used by shutdown). */
  stopEverything(): Promise<void>;
  dispose(): void;
}

/**
 * The daemon's view of every forward: the engine's live states keyed by config id, joined with
 * the configs on read. States live only in this process, so a fresh daemon after a crash starts
 * with every forward `stopped`: nothing claims to run that does not.
 */
export function createRuntime(store: ConfigStore, engine: Engine, log: DaemonLog): DaemonRuntime {
  const states = new Map<number, ForwardStatus>();
  const listeners = new Set<(update: ForwardUpdate) => void>();
  let engineSendsTraffic = false;
  const lastSample = new Map<number, string>();

  // Every event goes out as the forward's whole row, the type `forwards.status` returns.
  const emit = (event: ForwardEvent) => {
    if (listeners.size === 0) return;
    const id = event.type === "status" ? event.status.id : event.id;
    const config = store.find(id);
    if (config === null) return; // deleted while its last events were on the way
    const update: ForwardUpdate =
      event.type === "log"
        ? {
            kind: "log",
            at: event.at,
            row: forwardRow(config, live(id)),
            log: { level: event.level, message: event.message },
          }
        : {
            kind: event.type,
            at: event.type === "traffic" ? event.at : Date.now(),
            row: forwardRow(config, event.type === "status" ? event.status : live(id)),
            log: null,
          };
    for (const listener of listeners) {
      try {
        listener(update);
      } catch (err) {
        log.warn(`event listener failed: ${(err as Error).message}`);
      }
    }
  };
  const setStatus = (status: ForwardStatus) => {
    const before = states.get(status.id);
    states.set(status.id, status);
    if (before?.state !== status.state) {
      log.info(
        `${status.alias} (#${status.id}): ${status.state}${status.error ? ` — ${status.error.code}: ${status.error.message}` : ""}`,
      );
    }
    emit({ type: "status", status });
  };
  const unsubscribeEngine = engine.onEvent((event) => {
    if (event.type === "status") return setStatus(event.status);
    if (event.type === "traffic") engineSendsTraffic = true;
    if (event.type === "log") log.info(`#${event.id} ${event.level}: ${event.message}`);
    emit(event);
  });

  // Per-second traffic samples, for engines that only update counters in their status.
  // Also catches state changes of an engine that sends no events.
  const sampler = setInterval(() => {
    for (const [id, known] of states) {
      if (!ACTIVE.has(known.state)) continue;
      const s = engine.status(id) ?? known;
      if (s.state !== known.state || s.pod !== known.pod) setStatus({ ...known, ...s });
      if (engineSendsTraffic) continue;
      const key = `${s.bytesIn}/${s.bytesOut}/${s.connections}`;
      if (lastSample.get(id) === key) continue;
      lastSample.set(id, key);
      emit({
        type: "traffic",
        id,
        bytesIn: s.bytesIn,
        bytesOut: s.bytesOut,
        connections: s.connections,
        at: Date.now(),
      });
    }
  }, 1000);
  sampler.unref();

  const select = (selector: ForwardSelector): Config[] => {
    const all = store.list();
    const chosen = new Map<number, Config>();
    if (selector.all) for (const c of all) chosen.set(c.id, c);
    for (const id of selector.ids ?? []) {
      const c = store.get(id);
      chosen.set(c.id, c);
    }
    for (const alias of selector.aliases ?? []) {
      const c = store.get(alias);
      chosen.set(c.id, c);
    }
    if (selector.group !== undefined)
      for (const c of all) if (c.group === selector.group) chosen.set(c.id, c);
    const named =
      selector.all ||
      selector.group !== undefined ||
      (selector.ids?.length ?? 0) + (selector.aliases?.length ?? 0) > 0;
    let list = named ? [...chosen.values()] : all;
    if (selector.context !== undefined) list = list.filter((c) => c.context === selector.context);
    return list.sort((a, b) => a.id - b.id);
  };

  const live = (id: number): ForwardStatus | null => {
    const known = states.get(id) ?? null;
    if (known === null || !ACTIVE.has(known.state)) return known;
    const now = engine.status(id);
    return now ? { ...known, ...now } : known;
  };
  const rows = (configs: Config[]): ForwardRow[] => configs.map((c) => forwardRow(c, live(c.id)));

  const portHolder = (config: Config): Config | null => {
    const port = config.local_port ?? config.remote_port;
    if (port === 0) return null;
    for (const other of store.list()) {
      if (other.id === config.id || !ACTIVE.has(states.get(other.id)?.state ?? "stopped")) continue;
      const otherStatus = states.get(other.id);
      const otherPort = otherStatus?.localPort ?? other.local_port ?? other.remote_port;
      const otherAddress = otherStatus?.localAddress ?? other.local_address;
      if (otherPort === port && otherAddress === config.local_address) return other;
    }
    return null;
  };

  const startOne = async (config: Config) => {
    if (ACTIVE.has(states.get(config.id)?.state ?? "stopped")) return;
    const holder = portHolder(config);
    if (holder) {
      const port = config.local_port ?? config.remote_port;
      const error = new ApiError(
        "PORT_IN_USE",
        `local port ${port} is already used by config '${holder.alias}' on ${config.local_address}`,
      );
      setStatus({
        ...forwardStatusBase(config),
        state: "error",
        error: { code: error.code, message: error.message },
      });
      return;
    }
    try {
      await engine.start(config);
    } catch (err) {
      const e = err as { code?: string; message?: string };
      setStatus({
        ...forwardStatusBase(config),
        state: "error",
        error: { code: e.code ?? "START_FAILED", message: e.message ?? String(err) },
      });
    }
  };

  const stopOne = async (id: number) => {
    const known = states.get(id);
    if (!known || known.state === "stopped") return;
    try {
      await engine.stop(id);
    } catch (err) {
      log.warn(`stopping #${id} failed: ${(err as Error).message}`);
    }
    const after = states.get(id) ?? known;
    if (after.state !== "stopped")
      setStatus({ ...after, state: "stopped", error: null, connections: 0, since: Date.now() });
  };

  return {
    async start(selector) {
      const configs = select(selector);
      if (configs.length === 0)
        throw new ApiError(
          "NOTHING_SELECTED",
          selector.group !== undefined
            ? `no config in group "${selector.group}"; \`ferry config list\` shows the groups`
            : "no config matches; `ferry config list` shows them all",
        );
      for (const config of configs) await startOne(config);
      return rows(configs);
    },
    async stop(selector) {
      const configs = select(selector);
      await Promise.all(configs.map((c) => stopOne(c.id)));
      return rows(configs);
    },
    status: () => rows(store.list()),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stopEverything() {
      await Promise.all([...states.keys()].map(stopOne));
    },
    dispose() {
      clearInterval(sampler);
      unsubscribeEngine();
      listeners.clear();
    },
  };
}
