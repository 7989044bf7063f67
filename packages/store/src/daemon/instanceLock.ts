import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { sqliteDatabase } from "../db/sqliteDatabase.ts";

export interface InstanceLock {
  release(): void;
}

/**
 * How long a contender waits for the lock. Two ferryds started at once each take the read lock
 * on the way to the write lock; the one that gets ahead must wait for the other to let go of its
 * read lock (SQLite makes the other give up at once), so a wait of 0 could leave both without
 * it, and no daemon at all. Only a loser of a start-up race pays the full wait.
 */
const CONTENTION_WAIT_MS = 500;

/**
 * One daemon per FERRY_HOME. The lock is SQLite's exclusive lock (fcntl) on `daemon.lock`, held
 * by a write transaction that is never committed, so the kernel releases it when the holder
 * dies, even by kill -9: no stale pid files to judge. Returns null when another live process
 * holds it.
 *
 * Not `locking_mode = EXCLUSIVE` (session 6's scheme): in that mode a connection keeps every lock
 * it took, including the read lock of a failed attempt, and two processes starting together
 * could each hold the read lock the other needed; both gave up, and no daemon started (CI, and
 * 6 of 15 rounds of three-way contention here). `BEGIN EXCLUSIVE` in the normal mode lets go of a
 * failed attempt's read lock, so exactly one wins.
 */
export function acquireInstanceLock(home: string): InstanceLock | null {
  const path = join(home, "daemon.lock");
  closeSync(openSync(path, "a", 0o600)); // private from creation, whatever the umask
  const db = new (sqliteDatabase())(path, { timeout: CONTENTION_WAIT_MS });
  try {
    db.exec("BEGIN EXCLUSIVE");
  } catch (err) {
    db.close();
    const code = (err as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return null;
    throw err;
  }
  // The connection is held by this closure for as long as the lock is: were it collected, its
  // finalizer would close it and drop the lock with the daemon still running.
  return { release: () => db.close() };
}
