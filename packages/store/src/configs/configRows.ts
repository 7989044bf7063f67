import type Database from "better-sqlite3";
import { CONFIG_FIELDS, type Config, type ConfigDraft } from "../schema/config.ts";

/** A `configs` row as SQLite returns it (booleans as 0/1, `group` as group_name). */
interface ConfigRow {
  id: number;
  alias: string;
  context: string | null;
  kubeconfig: string | null;
  namespace: string;
  workload_type: Config["workload_type"];
  service: string | null;
  target: string | null;
  remote_address: string | null;
  protocol: Config["protocol"];
  remote_port: number;
  local_port: number | null;
  local_address: string;
  domain_enabled: number;
  auto_start: number;
  http_logs_enabled: number;
  http_logs_max_file_size: number | null;
  http_logs_retention_days: number | null;
  http_logs_auto_cleanup: number | null;
  group_name: string | null;
}

export type SavedFields = Omit<ConfigDraft, "alias"> & { alias: string };

/** A config's fields without its id; fields older callers may leave out become null. */
export function savedFields({ id: _id, ...c }: Config): SavedFields {
  return {
    ...c,
    http_logs_max_file_size: c.http_logs_max_file_size ?? null,
    http_logs_retention_days: c.http_logs_retention_days ?? null,
    http_logs_auto_cleanup: c.http_logs_auto_cleanup ?? null,
  };
}

/** True when every config field is equal (a field absent from an older snapshot counts as null). */
export function sameFields(a: SavedFields | Config, b: SavedFields | Config): boolean {
  return CONFIG_FIELDS.every((field) => (a[field] ?? null) === (b[field] ?? null));
}

function fromRow(row: ConfigRow): Config {
  return {
    id: row.id,
    alias: row.alias,
    context: row.context,
    kubeconfig: row.kubeconfig,
    namespace: row.namespace,
    workload_type: row.workload_type,
    service: row.service,
    target: row.target,
    remote_address: row.remote_address,
    protocol: row.protocol,
    remote_port: row.remote_port,
    local_port: row.local_port,
    local_address: row.local_address,
    domain_enabled: row.domain_enabled === 1,
    auto_start: row.auto_start === 1,
    http_logs_enabled: row.http_logs_enabled === 1,
    http_logs_max_file_size: row.http_logs_max_file_size,
    http_logs_retention_days: row.http_logs_retention_days,
    http_logs_auto_cleanup:
      row.http_logs_auto_cleanup === null ? null : row.http_logs_auto_cleanup === 1,
    group: row.group_name,
  };
}

function toParams(c: SavedFields) {
  return {
    alias: c.alias,
    context: c.context,
    kubeconfig: c.kubeconfig,
    namespace: c.namespace,
    workload_type: c.workload_type,
    service: c.service,
    target: c.target,
    remote_address: c.remote_address,
    protocol: c.protocol,
    remote_port: c.remote_port,
    local_port: c.local_port,
    local_address: c.local_address,
    domain_enabled: c.domain_enabled ? 1 : 0,
    auto_start: c.auto_start ? 1 : 0,
    http_logs_enabled: c.http_logs_enabled ? 1 : 0,
    http_logs_max_file_size: c.http_logs_max_file_size ?? null,
    http_logs_retention_days: c.http_logs_retention_days ?? null,
    http_logs_auto_cleanup:
      c.http_logs_auto_cleanup === null || c.http_logs_auto_cleanup === undefined
        ? null
        : c.http_logs_auto_cleanup
          ? 1
          : 0,
    group_name: c.group,
  };
}

/** Column names: the field names, except `group` (an SQL keyword) stored as group_name. */
const COLUMNS = CONFIG_FIELDS.map((field) => (field === "group" ? "group_name" : field));

/** The prepared statements behind the store; one instance per open database. */
export class ConfigRows {
  readonly #all: Database.Statement;
  readonly #byId: Database.Statement;
  readonly #byAlias: Database.Statement;
  readonly #aliasesFrom: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #delete: Database.Statement;

  constructor(db: Database.Database) {
    this.#all = db.prepare("SELECT * FROM configs ORDER BY id");
    this.#byId = db.prepare("SELECT * FROM configs WHERE id = ?");
    this.#byAlias = db.prepare("SELECT * FROM configs WHERE alias = ?");
    this.#aliasesFrom = db
      .prepare("SELECT alias FROM configs WHERE substr(alias, 1, length(?)) = ?")
      .pluck();
    this.#insert = db.prepare(
      `INSERT INTO configs (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map((c) => `@${c}`).join(", ")})`,
    );
    this.#update = db.prepare(
      `UPDATE configs SET ${COLUMNS.map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`,
    );
    this.#delete = db.prepare("DELETE FROM configs WHERE id = ?");
  }

  all(): Config[] {
    return (this.#all.all() as ConfigRow[]).map(fromRow);
  }

  byId(id: number): Config | null {
    const row = this.#byId.get(id) as ConfigRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Every alias that starts with `prefix` (one query, for picking a free `prefix-N`). */
  aliasesStartingWith(prefix: string): Set<string> {
    return new Set(this.#aliasesFrom.all(prefix, prefix) as string[]);
  }

  byAlias(alias: string): Config | null {
    const row = this.#byAlias.get(alias) as ConfigRow | undefined;
    return row ? fromRow(row) : null;
  }

  insert(fields: SavedFields): Config {
    const id = Number(this.#insert.run(toParams(fields)).lastInsertRowid);
    return { id, ...fields };
  }

  update(id: number, fields: SavedFields): Config {
    this.#update.run({ id, ...toParams(fields) });
    return { id, ...fields };
  }

  delete(id: number): void {
    this.#delete.run(id);
  }
}
