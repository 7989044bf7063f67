import type Database from "better-sqlite3";
import { sqlitePackage } from "./sqliteLine.ts";

/**
 * better-sqlite3 12 on Node 24 aborts the process when the garbage collector finalizes a
 * statement at a moment Node has no current environment ("Assertion failed: (env) != nullptr",
 * WiseLibs/better-sqlite3#1515; 13.x fixes it). The store prepares a bounded set of statements
 * per database (its repositories' own, and a few PRAGMAs at open), so it keeps every one of
 * them for the life of the process: none is ever finalized by the collector. Only the 12.x line
 * (loaded on Node-API 9, see sqliteLine.ts) needs this; with 13 statements are left to the
 * collector, so a database opened and closed many times holds nothing after it closes.
 */
const needsKeeping = () => sqlitePackage() !== "better-sqlite3"; // asked when used, never in a browser
const kept: Database.Statement[] = [];

/** `db` whose `prepare` keeps what it returns; use `pragma()` below instead of `db.pragma`. */
export function keepStatements(db: Database.Database): Database.Database {
  if (!needsKeeping()) return db;
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    kept.push(statement);
    return statement;
  }) as Database.Database["prepare"];
  return db;
}

/** `db.pragma`, through a kept statement (better-sqlite3's own pragma prepares one per call). */
export function pragma(db: Database.Database, source: string, simple = false): unknown {
  const statement = db.prepare(`PRAGMA ${source}`);
  if (needsKeeping() && !kept.includes(statement)) kept.push(statement);
  if (!statement.reader) return statement.run(); // a PRAGMA that sets and returns nothing
  return simple ? statement.pluck().get() : statement.all();
}
