import type Database from "better-sqlite3";
import type { SyncErrorInfo, SyncReport, SyncSourceFields } from "./syncTypes.ts";

/** A source as stored: its fields plus what the last syncs left (status without the live parts). */
export interface StoredSource extends SyncSourceFields {
  id: number;
  lastSyncAt: number | null;
  lastCommit: string | null;
  /** The files the last good sync read (paths in the repository). */
  lastFiles: string[];
  lastError: SyncErrorInfo | null;
  lastReport: SyncReport | null;
}

interface SourceRow {
  id: number;
  name: string;
  url: string;
  ref: string;
  path: string;
  interval_seconds: number;
  prune: number;
  context: string | null;
  kubeconfig: string | null;
  token_env: string | null;
  token_file: string | null;
  ca_file: string | null;
  username: string | null;
  auth_scheme: "basic" | "bearer" | null;
  last_sync_at: number | null;
  last_commit: string | null;
  last_files: string | null;
  last_error: string | null;
  last_report: string | null;
}

const json = <T>(text: string | null, empty: T): T => (text === null ? empty : JSON.parse(text));

function fromRow(r: SourceRow): StoredSource {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    ref: r.ref,
    path: r.path,
    intervalSeconds: r.interval_seconds,
    prune: r.prune === 1,
    context: r.context,
    kubeconfig: r.kubeconfig,
    tokenEnv: r.token_env,
    tokenFile: r.token_file,
    caFile: r.ca_file,
    username: r.username,
    authScheme: r.auth_scheme,
    lastSyncAt: r.last_sync_at,
    lastCommit: r.last_commit,
    lastFiles: json<string[]>(r.last_files, []),
    lastError: json<SyncErrorInfo | null>(r.last_error, null),
    lastReport: json<SyncReport | null>(r.last_report, null),
  };
}

/** What a sync attempt records: when and how it ended. */
export interface SyncOutcome {
  at: number;
  report: SyncReport;
  error: SyncErrorInfo | null;
}

/** The `sync_sources` table (migration 5). */
export class SourceRows {
  readonly #all: Database.Statement;
  readonly #byName: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #outcome: Database.Statement;
  readonly #good: Database.Statement;

  constructor(db: Database.Database) {
    this.#all = db.prepare("SELECT * FROM sync_sources ORDER BY name");
    this.#byName = db.prepare("SELECT * FROM sync_sources WHERE name = ?");
    this.#insert = db.prepare(
      `INSERT INTO sync_sources (name, url, ref, path, interval_seconds, prune, context, kubeconfig,
         token_env, token_file, ca_file, username, auth_scheme)
       VALUES (@name, @url, @ref, @path, @intervalSeconds, @prune, @context, @kubeconfig,
         @tokenEnv, @tokenFile, @caFile, @username, @authScheme)`,
    );
    this.#delete = db.prepare("DELETE FROM sync_sources WHERE id = ?");
    this.#outcome = db.prepare(
      "UPDATE sync_sources SET last_sync_at = ?, last_error = ?, last_report = ? WHERE id = ?",
    );
    this.#good = db.prepare("UPDATE sync_sources SET last_commit = ?, last_files = ? WHERE id = ?");
  }

  all(): StoredSource[] {
    return (this.#all.all() as SourceRow[]).map(fromRow);
  }

  byName(name: string): StoredSource | null {
    const row = this.#byName.get(name) as SourceRow | undefined;
    return row ? fromRow(row) : null;
  }

  insert(fields: SyncSourceFields): StoredSource {
    this.#insert.run({ ...fields, prune: fields.prune ? 1 : 0 });
    return this.byName(fields.name) as StoredSource;
  }

  delete(id: number): void {
    this.#delete.run(id);
  }

  record(id: number, outcome: SyncOutcome): void {
    this.#outcome.run(
      outcome.at,
      outcome.error ? JSON.stringify(outcome.error) : null,
      JSON.stringify(outcome.report),
      id,
    );
  }

  /** The commit the source's configs are now in effect from, and the files read there. */
  applied(id: number, commit: string, files: string[]): void {
    this.#good.run(commit, JSON.stringify(files), id);
  }
}
