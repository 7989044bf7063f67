// better-sqlite3 13 is built on Node-API 10, which Node has from 22.14: on 22.12 and 22.13 its
// addon segfaults at the first open (WiseLibs/better-sqlite3#1514). 12.x runs there, but on
// Node 24 it aborts when a statement is collected without an environment (#1515). Ferry promises
// Node 22.12, so each Node loads the line that works on it; both have the same API.
// No Node import here: the browser-safe client reaches this file through the schema version.
const NAPI_FOR_13 = 10;

/** The better-sqlite3 package this Node can load (the running one's when no napi is given). */
export function sqlitePackage(napi = Number(process.versions.napi)): string {
  return napi >= NAPI_FOR_13 ? "better-sqlite3" : "better-sqlite3-napi9";
}
