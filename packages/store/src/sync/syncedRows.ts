import type Database from "better-sqlite3";
import type { SavedFields } from "../configs/configRows.ts";
import type { OriginalTarget } from "./upstreamEntries.ts";

/** The sync columns (migration 5) of one config that came from a sync source. */
export interface SyncedRecord {
  id: number;
  sourceId: number;
  /** Its key in the source: the upstream alias, or the identity when upstream gave none. */
  key: string;
  /** The file in the repository it was read from. */
  file: string;
  /** Its fields as last synced: a config that differs from them was edited locally. */
  upstream: SavedFields;
  /** Context and kubeconfig as the file had them, before the source's overrides. */
  original: OriginalTarget;
  upstreamDeleted: boolean;
}

interface SyncedRow {
  id: number;
  sync_source_id: number;
  sync_key: string;
  sync_file: string;
  sync_upstream: string;
  upstream_deleted: number;
}

/** The sync columns of the configs table. */
export class SyncedRows {
  readonly #all: Database.Statement;
  readonly #set: Database.Statement;
  readonly #deleted: Database.Statement;
  readonly #detach: Database.Statement;
  readonly #keep: Database.Statement;

  constructor(db: Database.Database) {
    this.#all = db.prepare(
      "SELECT id, sync_source_id, sync_key, sync_file, sync_upstream, upstream_deleted FROM configs WHERE sync_source_id IS NOT NULL ORDER BY id",
    );
    this.#set = db.prepare(
      `UPDATE configs SET sync_source_id = @sourceId, sync_key = @key, sync_file = @file,
       sync_upstream = @upstream, upstream_deleted = 0 WHERE id = @id`,
    );
    this.#keep = db.prepare("UPDATE configs SET sync_file = ?, upstream_deleted = 0 WHERE id = ?");
    this.#deleted = db.prepare("UPDATE configs SET upstream_deleted = ? WHERE id = ?");
    this.#detach = db.prepare(
      `UPDATE configs SET sync_source_id = NULL, sync_key = NULL, sync_file = NULL,
       sync_upstream = NULL, upstream_deleted = 0 WHERE sync_source_id = ?`,
    );
  }

  all(): SyncedRecord[] {
    return (this.#all.all() as SyncedRow[]).map((r) => {
      const { fields, original } = JSON.parse(r.sync_upstream) as {
        fields: SavedFields;
        original: OriginalTarget;
      };
      return {
        id: r.id,
        sourceId: r.sync_source_id,
        key: r.sync_key,
        file: r.sync_file,
        upstream: fields,
        original,
        upstreamDeleted: r.upstream_deleted === 1,
      };
    });
  }

  of(sourceId: number): SyncedRecord[] {
    return this.all().filter((r) => r.sourceId === sourceId);
  }

  /** Marks the config as synced from the source with these upstream fields (clears the flag). */
  set(r: Omit<SyncedRecord, "upstreamDeleted">): void {
    const { upstream: fields, original, ...rest } = r;
    this.#set.run({ ...rest, upstream: JSON.stringify({ fields, original }) });
  }

  /** Still upstream (perhaps in another file), kept as it is: a local change. */
  keep(id: number, file: string): void {
    this.#keep.run(file, id);
  }

  setUpstreamDeleted(id: number, deleted: boolean): void {
    this.#deleted.run(deleted ? 1 : 0, id);
  }

  /** The source's configs become the user's own (its removal with keepConfigs). */
  detach(sourceId: number): void {
    this.#detach.run(sourceId);
  }
}
