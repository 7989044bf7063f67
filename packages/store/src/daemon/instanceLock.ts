import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { keepStatements, pragma } from "../db/keptStatements.ts";
import { SqliteDatabase } from "../db/sqliteDatabase.ts";

export interface InstanceLock {
  release(): void;
}

/**
 * One daemon per FERRY_HOME. The lock is an exclusive SQLite lock (fcntl) on `daemon.lock`, so
 * the kernel releases it when the holder dies, even by kill -9: no stale pid files to judge.
 * Returns null when another live process holds it.
 */
export function acquireInstanceLock(home: string): InstanceLock | null {
  const path = join(home, "daemon.lock");
  closeSync(openSync(path, "a", 0o600)); // private from creation, whatever the umask
  const db = keepStatements(new SqliteDatabase(path, { timeout: 0 }));
  try {
    pragma(db, "locking_mode = EXCLUSIVE");
    pragma(db, "journal_mode = DELETE");
    db.exec("CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL)");
    db.prepare("INSERT INTO holder (pid) VALUES (?)").run(process.pid);
    db.prepare("DELETE FROM holder WHERE pid != ?").run(process.pid);
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return null;
    throw err;
  }
  return { release: () => db.close() };
}
