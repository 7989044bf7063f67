import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { FerryError } from "../schema/ferryError.ts";
import { secureHome } from "./homeSafety.ts";
import { keepStatements, pragma } from "./keptStatements.ts";
import { migrate } from "./migrations.ts";
import { SqliteDatabase } from "./sqliteDatabase.ts";

const SQLITE_HEADER = "SQLite format 3\u0000";

export interface OpenDatabaseOptions {
  busyTimeoutMs: number;
}

/** Opens (creating if needed) `home/configs.db`: WAL, busy timeout, foreign keys, migrated. */
export function openDatabase(home: string, options: OpenDatabaseOptions): Database.Database {
  ensureHome(home);
  const path = join(home, "configs.db");
  refuseForeignFile(path);
  let db: Database.Database;
  try {
    // Created 0600 before SQLite opens it: SQLite gives -wal and -shm the database's mode.
    closeSync(openSync(path, "a", 0o600));
    db = keepStatements(new SqliteDatabase(path, { timeout: options.busyTimeoutMs }));
  } catch (err) {
    throw homeError(home, err);
  }
  try {
    pragma(db, "foreign_keys = ON");
    setWal(db);
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw translateSqliteError(err, path);
  }
}

function ensureHome(home: string): void {
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    // SQLite writes configs.db-wal and -shm beside the database, so the directory must be writable.
    accessSync(home, constants.W_OK);
  } catch (err) {
    throw homeError(home, err);
  }
  secureHome(home);
}

/** A configs.db that is not SQLite is someone's file: refuse, and never write to it. */
function refuseForeignFile(path: string): void {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new FerryError(
        "NOT_A_DATABASE",
        `${path} is not a file; move it away or set FERRY_HOME elsewhere`,
      );
    }
    size = stat.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (size === 0) return;
  const header = Buffer.alloc(16);
  const fd = openSync(path, "r");
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1") !== SQLITE_HEADER) {
    throw new FerryError(
      "NOT_A_DATABASE",
      `${path} is not an SQLite database; Ferry left it untouched. Move it away or set FERRY_HOME to another directory.`,
    );
  }
}

/** Switching to WAL needs a moment of exclusive access; a racing opener may briefly hold it. */
function setWal(db: Database.Database): void {
  for (let attempt = 0; ; attempt++) {
    try {
      pragma(db, "journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || attempt >= 50) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function homeError(home: string, err: unknown): FerryError {
  const code = (err as NodeJS.ErrnoException).code ?? (err as { code?: string }).code;
  const reason =
    code === "EACCES" || code === "EPERM" || code === "EROFS"
      ? "permission denied"
      : code === "ENOTDIR" || code === "EEXIST"
        ? "a part of that path is a file, not a directory"
        : (err as Error).message;
  return new FerryError(
    "HOME_NOT_WRITABLE",
    `cannot write to FERRY_HOME ${home}: ${reason}. Set FERRY_HOME to a directory you can write.`,
  );
}

/** Maps SQLite's codes to FerryErrors; anything else is re-thrown as it is. */
export function translateSqliteError(err: unknown, path: string): unknown {
  if (err instanceof FerryError) return err;
  const code = (err as { code?: string }).code ?? "";
  if (code === "SQLITE_NOTADB") {
    return new FerryError(
      "NOT_A_DATABASE",
      `${path} is not an SQLite database; Ferry left it untouched.`,
    );
  }
  if (code === "SQLITE_BUSY") {
    return new FerryError("DATABASE_BUSY", `${path} is locked by another process; try again`);
  }
  if (
    code.startsWith("SQLITE_READONLY") ||
    code.startsWith("SQLITE_CANTOPEN") ||
    code === "SQLITE_PERM"
  ) {
    return new FerryError(
      "HOME_NOT_WRITABLE",
      `cannot write ${path}: ${(err as Error).message}. Set FERRY_HOME to a directory you can write.`,
    );
  }
  return err;
}
