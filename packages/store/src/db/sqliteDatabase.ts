import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import { sqlitePackage } from "./sqliteLine.ts";

const require = createRequire(import.meta.url);

/** better-sqlite3's Database constructor, from the line this Node runs (see sqliteLine.ts). */
export const SqliteDatabase = require(sqlitePackage()) as typeof BetterSqlite3;
