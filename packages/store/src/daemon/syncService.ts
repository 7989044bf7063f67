import { randomUUID } from "node:crypto";
import { renameSync, rmSync } from "node:fs";
import { parseSourceUrl } from "@ferry/git-sync";
import type { StoredSource } from "../sync/sourceRows.ts";
import type { SyncReport, SyncSource, SyncSourceFields } from "../sync/syncTypes.ts";
import { nextDelayMs } from "./syncBackoff.ts";
import { cacheDirOf, fetchUpstream, pushConfigs, runSync, type SyncDeps } from "./syncRunner.ts";

export interface SyncService {
  /**
   * Checks the source by fetching it (URL, TLS, credentials, ref, path, every entry), then stores
   * it and applies it as its first sync. Any refusal leaves the store as it was.
   */
  add(fields: SyncSourceFields): Promise<SyncSource>;
  list(): SyncSource[];
  remove(name: string, keepConfigs: boolean): Promise<{ removed: number }>;
  /** Syncs one source, or all of them one after another; a failure is in its report. */
  now(name: string | undefined, force: boolean): Promise<SyncReport[]>;
  push(
    name: string,
    message?: string,
    all?: boolean,
  ): Promise<{ commit: string | null; pushed: boolean }>;
  subscribe(listener: (source: SyncSource) => void): () => void;
  /** Arms each source's interval timer (due ones sync soon). */
  start(): void;
  close(): void;
}

interface Live {
  syncing: boolean;
  nextSyncAt: number | null;
  failures: number;
  timer: NodeJS.Timeout | null;
  /** The sync in flight (or the last), so syncs of one source never overlap. */
  chain: Promise<unknown>;
}

/** Sources, on-demand and interval syncs with backoff, push, and `sync.events`. */
export function createSyncService(deps: SyncDeps): SyncService {
  const { store, log } = deps;
  const live = new Map<number, Live>();
  const listeners = new Set<(source: SyncSource) => void>();
  let closed = false;

  const liveOf = (id: number): Live => {
    let l = live.get(id);
    if (!l) {
      l = { syncing: false, nextSyncAt: null, failures: 0, timer: null, chain: Promise.resolve() };
      live.set(id, l);
    }
    return l;
  };
  const view = (s: StoredSource): SyncSource => {
    const { id, lastSyncAt, lastCommit, lastFiles: _files, lastError, lastReport, ...fields } = s;
    const l = liveOf(id);
    return {
      ...fields,
      status: {
        lastSyncAt,
        lastCommit,
        lastError,
        lastReport,
        nextSyncAt: l.nextSyncAt,
        syncing: l.syncing,
      },
    };
  };
  const emit = (name: string) => {
    const s = store.sync.sources().find((x) => x.name === name);
    if (!s) return;
    const v = view(s);
    for (const listener of listeners) listener(v);
  };
  const unschedule = (id: number) => {
    const l = liveOf(id);
    if (l.timer) clearTimeout(l.timer);
    l.timer = null;
    l.nextSyncAt = null;
  };
  const schedule = (s: StoredSource, delayMs?: number) => {
    unschedule(s.id);
    if (closed || s.intervalSeconds === 0) return;
    const l = liveOf(s.id);
    const delay = delayMs ?? nextDelayMs(s.intervalSeconds, l.failures);
    l.nextSyncAt = Date.now() + delay;
    l.timer = setTimeout(() => {
      l.timer = null;
      void syncOne(s.name, false).catch((err) =>
        log.warn(`sync ${s.name}: ${(err as Error).message}`),
      );
    }, delay);
    l.timer.unref();
  };

  const syncOne = (
    name: string,
    force: boolean,
    fetched?: Parameters<typeof runSync>[2]["fetched"],
  ): Promise<SyncReport> => {
    let first: StoredSource;
    try {
      first = store.sync.source(name);
    } catch (err) {
      return Promise.reject(err); // NOT_FOUND (removed meanwhile): a rejection, never a throw in a timer
    }
    const l = liveOf(first.id);
    const run = l.chain.then(async () => {
      const src = store.sync.source(name); // as it is now (a sync before this one moved it on)
      unschedule(src.id);
      l.syncing = true;
      emit(name);
      try {
        const report = await runSync(deps, src, { force, fetched });
        l.failures = report.error ? l.failures + 1 : 0;
        store.sync.record(src.id, { at: Date.now(), report, error: report.error });
        return report;
      } finally {
        l.syncing = false;
        const now = store.sync.sources().find((x) => x.id === src.id);
        if (now) {
          schedule(now);
          emit(name);
        }
      }
    });
    l.chain = run.catch(() => {});
    return run;
  };

  return {
    async add(fields) {
      parseSourceUrl(fields.url); // ssh://, http://, credentials in the URL: refused before any I/O
      store.sync.checkNameFree(fields.name);
      const trial = cacheDirOf(deps.home, `adding-${randomUUID()}`);
      let fetched: Awaited<ReturnType<typeof fetchUpstream>>["fetched"];
      try {
        const probe = {
          ...fields,
          id: 0,
          lastSyncAt: null,
          lastCommit: null,
          lastFiles: [],
          lastError: null,
          lastReport: null,
        };
        fetched = (await fetchUpstream(deps, probe, trial)).fetched;
      } catch (err) {
        rmSync(trial, { recursive: true, force: true });
        throw err;
      }
      const src = await deps.write(() => store.sync.addSource(fields));
      rmSync(cacheDirOf(deps.home, src.id), { recursive: true, force: true });
      renameSync(trial, cacheDirOf(deps.home, src.id));
      log.info(`sync source ${src.name} added: ${src.url} ${src.ref} ${src.path}`);
      await syncOne(src.name, false, fetched);
      return view(store.sync.source(src.name));
    },
    list: () => store.sync.sources().map(view),
    async remove(name, keepConfigs) {
      const src = store.sync.source(name);
      unschedule(src.id);
      await liveOf(src.id).chain;
      const removed = await deps.write(async () => {
        if (!keepConfigs) {
          const ids = store.sync
            .records()
            .filter((r) => r.sourceId === src.id)
            .map((r) => r.id);
          if (ids.length > 0) await deps.runtime.stop({ ids });
        }
        const configs = store.sync.removeSource(name, keepConfigs);
        if (configs.length > 0)
          deps.configEvents.publish({
            created: [],
            updated: [],
            deleted: configs.map((c) => c.id),
          });
        return configs.length;
      });
      live.delete(src.id);
      rmSync(cacheDirOf(deps.home, src.id), { recursive: true, force: true });
      log.info(
        `sync source ${name} removed${keepConfigs ? " (its configs kept)" : `, ${removed} config(s) with it`}`,
      );
      return { removed };
    },
    async now(name, force) {
      const names =
        name === undefined
          ? store.sync.sources().map((s) => s.name)
          : [store.sync.source(name).name];
      const reports: SyncReport[] = [];
      for (const n of names) reports.push(await syncOne(n, force));
      return reports;
    },
    async push(name, message, all) {
      const src = store.sync.source(name);
      const l = liveOf(src.id);
      const run = l.chain.then(async () => {
        const result = await pushConfigs(deps, store.sync.source(name), { message, all });
        if (result.report)
          store.sync.record(src.id, { at: Date.now(), report: result.report, error: null });
        emit(name);
        return { commit: result.commit, pushed: result.pushed };
      });
      l.chain = run.catch(() => {});
      return run;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      for (const s of store.sync.sources()) {
        const due =
          s.lastSyncAt === null ? 0 : s.lastSyncAt + s.intervalSeconds * 1000 - Date.now();
        schedule(s, Math.max(1_000, due));
      }
    },
    close() {
      closed = true;
      for (const id of live.keys()) unschedule(id);
    },
  };
}
