import type Database from "better-sqlite3";
import type { DiscoveredKind, Origin } from "./discoveryTypes.ts";
import { originKey } from "./discoveryTypes.ts";

/** A config discovery added: its origin and whether the user edited it or its source went away. */
export interface DiscoveredRecord {
  id: number;
  origin: Origin;
  edited: boolean;
  sourceGone: boolean;
}

interface OriginRow {
  id: number;
  origin_context: string;
  origin_namespace: string;
  origin_kind: DiscoveredKind;
  origin_name: string;
  origin_annotation: string;
  origin_key: string;
  edited: number;
  source_gone: number;
}

/** The origin columns (migration 3) of the configs table. */
export class OriginRows {
  readonly #all: Database.Statement;
  readonly #set: Database.Statement;
  readonly #edited: Database.Statement;
  readonly #gone: Database.Statement;

  constructor(db: Database.Database) {
    this.#all = db.prepare(
      "SELECT id, origin_context, origin_namespace, origin_kind, origin_name, origin_annotation, origin_key, edited, source_gone FROM configs WHERE origin = 'discovery' ORDER BY id",
    );
    this.#set = db.prepare(
      `UPDATE configs SET origin = 'discovery', origin_context = @context, origin_namespace = @namespace,
       origin_kind = @kind, origin_name = @name, origin_annotation = @annotation, origin_key = @originKey,
       edited = 0, source_gone = 0 WHERE id = @id`,
    );
    this.#edited = db.prepare("UPDATE configs SET edited = 1 WHERE id = ? AND origin IS NOT NULL");
    this.#gone = db.prepare("UPDATE configs SET source_gone = ? WHERE id = ?");
  }

  all(): DiscoveredRecord[] {
    return (this.#all.all() as OriginRow[]).map((r) => {
      const key = JSON.parse(r.origin_key) as unknown[];
      return {
        id: r.id,
        origin: {
          context: r.origin_context,
          namespace: r.origin_namespace,
          kind: r.origin_kind,
          name: r.origin_name,
          annotation: r.origin_annotation,
          key: String(key[5]),
        },
        edited: r.edited === 1,
        sourceGone: r.source_gone === 1,
      };
    });
  }

  set(id: number, origin: Origin): void {
    this.#set.run({ id, ...origin, originKey: originKey(origin) });
  }

  /** A user's change to a discovered config: re-discovery leaves it alone from now on. */
  markEdited(id: number): void {
    this.#edited.run(id);
  }

  setSourceGone(id: number, gone: boolean): void {
    this.#gone.run(gone ? 1 : 0, id);
  }
}
