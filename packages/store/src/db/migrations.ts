import type Database from "better-sqlite3";
import { FerryError } from "../schema/ferryError.ts";
import { pragma } from "./keptStatements.ts";

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Never edit a shipped
 * step: add the next one. Each step runs in the same transaction as the version bump.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the kftray fields, as real columns with the rules the schema enforces.
  `CREATE TABLE configs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    alias          TEXT    NOT NULL UNIQUE CHECK (length(alias) > 0),
    context        TEXT,
    kubeconfig     TEXT,
    namespace      TEXT    NOT NULL CHECK (length(namespace) > 0),
    workload_type  TEXT    NOT NULL CHECK (workload_type IN ('service', 'pod', 'proxy')),
    service        TEXT,
    target         TEXT,
    remote_address TEXT,
    protocol       TEXT    NOT NULL CHECK (protocol IN ('tcp', 'udp')),
    remote_port    INTEGER NOT NULL CHECK (remote_port BETWEEN 1 AND 65535),
    local_port     INTEGER CHECK (local_port IS NULL OR local_port BETWEEN 0 AND 65535),
    local_address  TEXT    NOT NULL DEFAULT '127.0.0.1',
    domain_enabled INTEGER NOT NULL DEFAULT 0 CHECK (domain_enabled IN (0, 1)),
    CHECK (
      (workload_type = 'service' AND service IS NOT NULL) OR
      (workload_type = 'pod' AND target IS NOT NULL) OR
      (workload_type = 'proxy' AND remote_address IS NOT NULL)
    )
  );`,
  // 2: Ferry's own per-config settings, and Ferry-wide settings.
  `ALTER TABLE configs ADD COLUMN auto_start INTEGER NOT NULL DEFAULT 0 CHECK (auto_start IN (0, 1));
   ALTER TABLE configs ADD COLUMN http_logs_enabled INTEGER NOT NULL DEFAULT 0 CHECK (http_logs_enabled IN (0, 1));
   ALTER TABLE configs ADD COLUMN group_name TEXT;
   CREATE TABLE settings (
     key   TEXT PRIMARY KEY NOT NULL,
     value TEXT NOT NULL CHECK (json_valid(value))
   );`,
  // 3: where a discovered config came from (issue 18), so discovery only ever updates or removes
  // what it added; `edited` keeps a user's change from being overwritten, `source_gone` flags
  // a config whose annotation or object disappeared while prune was off.
  `ALTER TABLE configs ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin IN ('discovery'));
   ALTER TABLE configs ADD COLUMN origin_context TEXT;
   ALTER TABLE configs ADD COLUMN origin_namespace TEXT;
   ALTER TABLE configs ADD COLUMN origin_kind TEXT;
   ALTER TABLE configs ADD COLUMN origin_name TEXT;
   ALTER TABLE configs ADD COLUMN origin_annotation TEXT;
   ALTER TABLE configs ADD COLUMN origin_key TEXT;
   ALTER TABLE configs ADD COLUMN edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1));
   ALTER TABLE configs ADD COLUMN source_gone INTEGER NOT NULL DEFAULT 0 CHECK (source_gone IN (0, 1));
   CREATE UNIQUE INDEX configs_origin_key ON configs (origin_key) WHERE origin_key IS NOT NULL;`,
  // 4: each forward's desired state (issue 20, restore on restart): a row per config the user
  // last started; stopping it (or stopAll) deletes the row. A daemon shutdown leaves the rows, so
  // the next daemon restores what was running. Deleting a config deletes its row (trigger: the
  // connection does not enable foreign keys).
  `CREATE TABLE desired_running (config_id INTEGER PRIMARY KEY NOT NULL);
   CREATE TRIGGER configs_desired_cleanup AFTER DELETE ON configs
   BEGIN DELETE FROM desired_running WHERE config_id = OLD.id; END;`,
  // 5: git sync sources (issue 19). Credentials are never stored: only the names of where a token
  // comes from (an environment variable, a file). A synced config remembers its source, its key
  // there (the upstream alias), the file it came from and the fields as last synced (so a local
  // edit shows as a difference), and whether it was deleted upstream while prune was off.
  `CREATE TABLE sync_sources (
     id               INTEGER PRIMARY KEY AUTOINCREMENT,
     name             TEXT    NOT NULL UNIQUE CHECK (length(name) > 0),
     url              TEXT    NOT NULL,
     ref              TEXT    NOT NULL DEFAULT 'main',
     path             TEXT    NOT NULL,
     interval_seconds INTEGER NOT NULL DEFAULT 300 CHECK (interval_seconds >= 0),
     prune            INTEGER NOT NULL DEFAULT 1 CHECK (prune IN (0, 1)),
     context          TEXT,
     kubeconfig       TEXT,
     token_env        TEXT,
     token_file       TEXT,
     ca_file          TEXT,
     username         TEXT,
     auth_scheme      TEXT CHECK (auth_scheme IS NULL OR auth_scheme IN ('basic', 'bearer')),
     last_sync_at     INTEGER,
     last_commit      TEXT,
     last_files       TEXT CHECK (last_files IS NULL OR json_valid(last_files)),
     last_error       TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
     last_report      TEXT CHECK (last_report IS NULL OR json_valid(last_report))
   );
   ALTER TABLE configs ADD COLUMN sync_source_id INTEGER;
   ALTER TABLE configs ADD COLUMN sync_key TEXT;
   ALTER TABLE configs ADD COLUMN sync_file TEXT;
   ALTER TABLE configs ADD COLUMN sync_upstream TEXT CHECK (sync_upstream IS NULL OR json_valid(sync_upstream));
   ALTER TABLE configs ADD COLUMN upstream_deleted INTEGER NOT NULL DEFAULT 0 CHECK (upstream_deleted IN (0, 1));
   CREATE UNIQUE INDEX configs_sync_key ON configs (sync_source_id, sync_key) WHERE sync_source_id IS NOT NULL;`,
  // 6: kftray's HTTP log limits per config (issue 17), kept as given (null = not given: defaults
  // apply), so they survive import and export unchanged and reach the forward's HTTP log.
  `ALTER TABLE configs ADD COLUMN http_logs_max_file_size INTEGER CHECK (http_logs_max_file_size IS NULL OR http_logs_max_file_size > 0);
   ALTER TABLE configs ADD COLUMN http_logs_retention_days INTEGER CHECK (http_logs_retention_days IS NULL OR http_logs_retention_days > 0);
   ALTER TABLE configs ADD COLUMN http_logs_auto_cleanup INTEGER CHECK (http_logs_auto_cleanup IS NULL OR http_logs_auto_cleanup IN (0, 1));`,
  // 7: the forwards the user stopped (issue 20: "a forward that the user stopped stays stopped"),
  // so an auto_start config the user stopped is not started by the next daemon. A start deletes
  // the row, and so does turning auto_start on (a fresh wish to start with the daemon) or
  // deleting the config.
  `CREATE TABLE desired_stopped (config_id INTEGER PRIMARY KEY NOT NULL);
   CREATE TRIGGER configs_desired_stopped_cleanup AFTER DELETE ON configs
   BEGIN DELETE FROM desired_stopped WHERE config_id = OLD.id; END;
   CREATE TRIGGER configs_auto_start_on AFTER UPDATE OF auto_start ON configs
   WHEN NEW.auto_start = 1 AND OLD.auto_start = 0
   BEGIN DELETE FROM desired_stopped WHERE config_id = NEW.id; END;`,
];

export const LATEST_VERSION = MIGRATIONS.length;

/** Brings the database to `target` (default: latest). Safe when several processes race to do it. */
export function migrate(db: Database.Database, target = LATEST_VERSION): void {
  // IMMEDIATE takes the write lock first, so a racing process waits and then sees the new version.
  db.transaction(() => {
    const current = pragma(db, "user_version", true) as number;
    if (current > LATEST_VERSION) {
      throw new FerryError(
        "DATABASE_TOO_NEW",
        `${db.name} has schema version ${current}, newer than this Ferry knows (${LATEST_VERSION}); upgrade Ferry`,
      );
    }
    for (let version = current; version < target; version++) {
      db.exec(MIGRATIONS[version] as string);
    }
    if (current < target) pragma(db, `user_version = ${target}`);
  }).immediate();
}
