import type { ForwardEvent, ForwardStatus } from "@ferry/core";
import type { HttpExchangeSummary } from "@ferry/http-log";
import { ApiError } from "../api/apiError.ts";
import type { ForwardRow, ForwardSelector, ForwardUpdate, Runtime } from "../api/contextTypes.ts";
import { forwardRow } from "../client/forwardRow.ts";
import { isActive } from "../client/forwardState.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import type { Config } from "../schema/config.ts";
import type { DaemonLog } from "./daemonLog.ts";
import type { Engine, EngineConfig } from "./engineHost.ts";
import { forwardStatusBase } from "./forwardStatusBase.ts";
import { httpLogSettingsFor } from "./httpLogSettings.ts";

/** State changes and log lines kept per forward for `forwards.history`. */
export const HISTORY_LENGTH = 50;

export interface DaemonRuntime extends Runtime {
  /**
   * Applies the config's HTTP log settings to its running forward, live (issue 17); nothing when
   * it is not running. Throws HTTP_LOG_INVALID_SETTING or HTTP_LOG_UNSUPPORTED.
   */
  setHttpLog(id: number): void;
  /** Listens to the exchanges every forward's HTTP log records; returns the unsubscribe. */
  onHttp(listener: (exchange: HttpExchangeSummary) => void): () => void;
  /** A log line on the forward's events and history (why the daemon acted on it). */
  note(id: number, level: "info" | "warn" | "error", message: string): void;
  /** Starts these configs concurrently (restore on start); names what runs and what failed. */
  restore(ids: number[]): Promise<{ restored: string[]; failed: string[] }>;
  /** Stops every forward (used by shutdown); desired states are kept. */
  stopEverything(): Promise<void>;
  dispose(): void;
}

/** The configs a selector names, by id; NOT_FOUND for an unknown id or alias. */
function select(store: ConfigStore, selector: ForwardSelector): Config[] {
  const all = store.list();
  const chosen = new Map<number, Config>();
  if (selector.all) for (const c of all) chosen.set(c.id, c);
  for (const idOrAlias of [...(selector.ids ?? []), ...(selector.aliases ?? [])]) {
    const c = store.get(idOrAlias);
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
}

/**
 * The daemon's view of every forward: a join of the configs with the engine's status. The engine
 * (core) owns every fact about a forward (state, port clashes, traffic samples, relay pods); this
 * only remembers each forward's last status event, so that a stopped or failed forward the
 * engine has let go of still shows how it ended. States live only in this process, so a fresh
 * daemon after a crash starts with every forward `stopped`: nothing claims to run that does not.
 */
export function createRuntime(store: ConfigStore, engine: Engine, log: DaemonLog): DaemonRuntime {
  const last = new Map<number, ForwardStatus>();
  const listeners = new Set<(update: ForwardUpdate) => void>();
  const history = new Map<number, ForwardUpdate[]>();
  const httpListeners = new Set<(exchange: HttpExchangeSummary) => void>();
  const setting = (key: string) => store.settings.get(key);

  const status = (id: number): ForwardStatus | null => engine.status(id) ?? last.get(id) ?? null;

  // Every event goes out as the forward's whole row, the type `forwards.status` returns.
  const emit = (event: Exclude<ForwardEvent, { type: "http" }>) => {
    // State changes and log lines are also kept (the last HISTORY_LENGTH per forward).
    if (listeners.size === 0 && event.type === "traffic") return;
    const id = event.type === "status" ? event.status.id : event.id;
    const config = store.find(id);
    if (config === null) return; // deleted while its last events were on the way
    const update: ForwardUpdate =
      event.type === "log"
        ? {
            kind: "log",
            at: event.at,
            row: forwardRow(config, status(id)),
            log: { level: event.level, message: event.message },
          }
        : {
            kind: event.type,
            at: event.type === "traffic" ? event.at : Date.now(),
            row: forwardRow(config, event.type === "status" ? event.status : status(id)),
            log: null,
          };
    if (update.kind !== "traffic") {
      const kept = history.get(id) ?? [];
      kept.push(update);
      if (kept.length > HISTORY_LENGTH) kept.shift();
      history.set(id, kept);
    }
    for (const listener of listeners) {
      try {
        listener(update);
      } catch (err) {
        log.warn(`event listener failed: ${(err as Error).message}`);
      }
    }
  };
  const record = (s: ForwardStatus) => {
    if (last.get(s.id)?.state !== s.state)
      log.info(
        `${s.alias} (#${s.id}): ${s.state}${s.error ? ` — ${s.error.code}: ${s.error.message}` : ""}`,
      );
    last.set(s.id, s);
  };
  const unsubscribeEngine = engine.onEvent((event) => {
    if (event.type === "http") {
      for (const listener of httpListeners) listener(event.exchange);
      return;
    }
    if (event.type === "status") record(event.status);
    if (event.type === "log") log.info(`#${event.id} ${event.level}: ${event.message}`);
    emit(event);
  });

  const rows = (configs: Config[]): ForwardRow[] => configs.map((c) => forwardRow(c, status(c.id)));

  /** The config with its HTTP log settings; bad settings start it without a log, said why. */
  const engineConfig = (config: Config): EngineConfig => {
    try {
      return { ...config, http_log: httpLogSettingsFor(config, setting) };
    } catch (err) {
      const message = `HTTP log off: ${(err as Error).message}`;
      log.warn(`${config.alias}: ${message}`);
      emit({ type: "log", id: config.id, level: "warn", message, at: Date.now() });
      return { ...config, http_log: null };
    }
  };

  const startOne = async (config: Config) => {
    if (isActive(status(config.id)?.state)) return;
    try {
      await engine.start(engineConfig(config));
    } catch (err) {
      // The engine reports failures as states; a throw is a bug, shown rather than lost.
      const e = err as { code?: string; message?: string };
      const failed: ForwardStatus = {
        ...forwardStatusBase(config),
        state: "error",
        error: { code: e.code ?? "START_FAILED", message: e.message ?? String(err) },
      };
      record(failed);
      emit({ type: "status", status: failed });
    }
  };

  const stopOne = async (id: number) => {
    if ((status(id)?.state ?? "stopped") === "stopped") return;
    const final = await engine.stop(id).catch((err: Error) => {
      log.warn(`stopping #${id} failed: ${err.message}`);
      return null;
    });
    // The engine forgets a stopped forward; keep how it ended if no event said so.
    const before = last.get(id);
    if (before && before.state !== "stopped") {
      const stopped = final ?? { ...before, state: "stopped", error: null, since: Date.now() };
      record({ ...stopped, connections: 0 });
      emit({ type: "status", status: last.get(id) as ForwardStatus });
    }
  };

  return {
    async start(selector) {
      const configs = select(store, selector);
      if (configs.length === 0)
        throw new ApiError(
          "NOTHING_SELECTED",
          selector.group !== undefined
            ? `no config in group "${selector.group}"; \`ferry config list\` shows the groups`
            : "no config matches; `ferry config list` shows them all",
        );
      store.desired.set(
        configs.map((c) => c.id),
        true,
      );
      for (const config of configs) await startOne(config);
      return rows(configs);
    },
    async stop(selector) {
      const configs = select(store, selector);
      store.desired.set(
        configs.map((c) => c.id),
        false,
      );
      await Promise.all(configs.map((c) => stopOne(c.id)));
      return rows(configs);
    },
    status: () => rows(store.list()),
    history: (id) => [...(history.get(id) ?? [])],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setHttpLog(id) {
      if (!isActive(status(id)?.state)) return;
      const config = store.get(id);
      const settings = httpLogSettingsFor(config, setting);
      const next = engine.setHttpLog(id, settings);
      if (next) {
        record(next);
        emit({ type: "status", status: next });
      }
    },
    onHttp(listener) {
      httpListeners.add(listener);
      return () => httpListeners.delete(listener);
    },
    note(id, level, message) {
      emit({ type: "log", id, level, message, at: Date.now() });
    },
    async restore(ids) {
      // Each forward on its own, all at once: one that fails or hangs never holds up the others.
      const configs = ids.map((id) => store.find(id)).filter((c): c is Config => c !== null);
      await Promise.all(configs.map(startOne));
      const restored: string[] = [];
      const failed: string[] = [];
      for (const c of configs) {
        const s = status(c.id);
        if (isActive(s?.state)) restored.push(c.alias);
        else
          failed.push(
            `${c.alias} (${s?.error ? `${s.error.code}: ${s.error.message}` : (s?.state ?? "stopped")})`,
          );
      }
      return { restored, failed };
    },
    // Shutdown keeps the desired states, so the next daemon restores these forwards.
    async stopEverything() {
      await Promise.all([...last.keys()].map(stopOne));
    },
    dispose() {
      unsubscribeEngine();
      listeners.clear();
    },
  };
}
