/** One problem with one input value: `path` is like `[2].remote_port`, `message` says what was expected. */
export interface FerryIssue {
  path: string;
  message: string;
}

/**
 * Every refusal from the store. `code` is stable (scripts and the daemon map on it); `message` is
 * written for a person and says what to do; `issues` lists each bad field when there are several.
 */
export class FerryError extends Error {
  readonly code: FerryErrorCode;
  readonly issues: FerryIssue[];
  constructor(code: FerryErrorCode, message: string, issues: FerryIssue[] = []) {
    super(message);
    this.name = "FerryError";
    this.code = code;
    this.issues = issues;
  }
}

export type FerryErrorCode =
  /** A config (or several) failed validation; see `issues`. */
  | "INVALID_CONFIG"
  /** Import text is not JSON (with comments); the message carries line:column. */
  | "INVALID_JSON"
  /** No config with that id or alias. */
  | "NOT_FOUND"
  /** An explicit alias (add/edit) is used by another config. */
  | "ALIAS_TAKEN"
  /** FERRY_HOME or configs.db cannot be created or written. */
  | "HOME_NOT_WRITABLE"
  /** FERRY_HOME belongs to another user, or others can write it. */
  | "HOME_NOT_SAFE"
  /** configs.db exists but is not an SQLite database; it is left untouched. */
  | "NOT_A_DATABASE"
  /** configs.db was written by a newer Ferry. */
  | "DATABASE_TOO_NEW"
  /** Another process held the database lock for longer than the busy timeout. */
  | "DATABASE_BUSY"
  /** A setting key or value is not accepted. */
  | "INVALID_SETTING"
  /** A sync source of that name exists already. */
  | "SOURCE_TAKEN"
  /** The better-sqlite3 this Node needs is not installed (an optional dependency that failed). */
  | "SQLITE_UNAVAILABLE";

export function isFerryError(err: unknown): err is FerryError {
  return err instanceof FerryError;
}
