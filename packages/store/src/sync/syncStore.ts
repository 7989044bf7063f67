import type { ConfigRows } from "../configs/configRows.ts";
import { sameFields, savedFields } from "../configs/configRows.ts";
import type { Config } from "../schema/config.ts";
import { FerryError } from "../schema/ferryError.ts";
import { applySync } from "./applySync.ts";
import { planSync, type SyncPlanRow } from "./planSync.ts";
import type { SourceRows, StoredSource, SyncOutcome } from "./sourceRows.ts";
import type { SyncedRecord, SyncedRows } from "./syncedRows.ts";
import type { SyncFlags, SyncSourceFields } from "./syncTypes.ts";
import type { UpstreamEntry } from "./upstreamEntries.ts";

/** The git sync part of the config store (issue 19): sources and the configs synced from them. */
export interface SyncStore {
  sources(): StoredSource[];
  /** A source by name; NOT_FOUND naming `ferry sync list`. */
  source(name: string): StoredSource;
  /** Throws SOURCE_TAKEN when a source has this name. */
  checkNameFree(name: string): void;
  /** Stores a new source; SOURCE_TAKEN when the name is used. */
  addSource(fields: SyncSourceFields): StoredSource;
  /**
   * Deletes the source; its configs are deleted too (returned), or with `keepConfigs` become the
   * user's own.
   */
  removeSource(name: string, keepConfigs: boolean): Config[];
  /** Records how a sync attempt ended. */
  record(sourceId: number, outcome: SyncOutcome): void;
  records(): SyncedRecord[];
  /** Per config id: its source's name, local change, deleted upstream. */
  flags(): Map<number, SyncFlags>;
  /**
   * Plans the source's sync against the stored configs and applies it, with the commit and files
   * as the source's last good ones, in one IMMEDIATE transaction (nothing written on `dryRun`).
   */
  run(
    source: StoredSource,
    upstream: { entries: UpstreamEntry[]; commit: string; files: string[] },
    options: { force: boolean; dryRun: boolean; claim?: ReadonlyMap<string, number> },
  ): SyncPlanRow[];
}

export function createSyncStore(deps: {
  rows: ConfigRows;
  sources: SourceRows;
  synced: SyncedRows;
  write<T>(fn: () => T): T;
}): SyncStore {
  const { rows, sources, synced, write } = deps;
  const source = (name: string) => {
    const found = sources.byName(name);
    if (found) return found;
    throw new FerryError(
      "NOT_FOUND",
      `no sync source named "${name}"; \`ferry sync list\` shows them all`,
    );
  };
  const checkNameFree = (name: string) => {
    if (sources.byName(name))
      throw new FerryError(
        "SOURCE_TAKEN",
        `a sync source named "${name}" exists already; choose another name, or remove it first (ferry sync rm ${name})`,
        [{ path: "name", message: `"${name}" is already a sync source` }],
      );
  };
  return {
    sources: () => sources.all(),
    source,
    checkNameFree,
    addSource: (fields) =>
      write(() => {
        checkNameFree(fields.name);
        return sources.insert(fields);
      }),
    removeSource: (name, keepConfigs) =>
      write(() => {
        const found = source(name);
        const ids = new Set(synced.of(found.id).map((r) => r.id));
        const configs = rows.all().filter((c) => ids.has(c.id));
        if (keepConfigs) synced.detach(found.id);
        else for (const c of configs) rows.delete(c.id);
        sources.delete(found.id);
        return keepConfigs ? [] : configs;
      }),
    record: (sourceId, outcome) => write(() => sources.record(sourceId, outcome)),
    records: () => synced.all(),
    flags() {
      const names = new Map(sources.all().map((s) => [s.id, s.name]));
      const configs = new Map(rows.all().map((c) => [c.id, c]));
      const flags = new Map<number, SyncFlags>();
      for (const r of synced.all()) {
        const c = configs.get(r.id);
        if (!c) continue;
        flags.set(r.id, {
          source: names.get(r.sourceId) ?? null,
          localChange: !sameFields(savedFields(c), r.upstream),
          upstreamDeleted: r.upstreamDeleted,
        });
      }
      return flags;
    },
    run(src, upstream, options) {
      const planned = () =>
        planSync({
          sourceId: src.id,
          configs: rows.all(),
          synced: synced.all(),
          upstream: upstream.entries,
          prune: src.prune,
          force: options.force,
          claim: options.claim,
        });
      if (options.dryRun) return planned();
      return write(() => {
        const done = applySync(rows, synced, src.id, planned());
        sources.applied(src.id, upstream.commit, upstream.files);
        return done;
      });
    },
  };
}
