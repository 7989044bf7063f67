import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { FerryError } from "../schema/ferryError.ts";
import { sqlitePackage } from "./sqliteLine.ts";

const require = createRequire(import.meta.url);
let loaded: typeof BetterSqlite3 | null = null;

/**
 * better-sqlite3's Database constructor, from the line this Node runs (see sqliteLine.ts),
 * loaded on first use. The 12.x line is an optional dependency (a Node 24 install that cannot
 * build it must not fail), so on Node 22.12/22.13 it may be missing: that is said plainly.
 */
export function sqliteDatabase(): typeof BetterSqlite3 {
  loaded ??= loadSqlite(sqlitePackage());
  return loaded;
}

/** Requires one better-sqlite3 package by name; a missing one is SQLITE_UNAVAILABLE. */
export function loadSqlite(name: string): typeof BetterSqlite3 {
  try {
    return require(name) as typeof BetterSqlite3;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw err;
    throw new FerryError(
      "SQLITE_UNAVAILABLE",
      `Node ${process.version} needs ${name} (better-sqlite3 12, an optional dependency of Ferry) and it is not installed: ` +
        "upgrade Node to 22.14 or newer, or reinstall Ferry where npm can build it (python3, make and a C++ compiler)",
    );
  }
}
