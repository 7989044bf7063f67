import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { SqliteDatabase } from "./sqliteDatabase.ts";
import { sqlitePackage } from "./sqliteLine.ts";

describe("sqlitePackage", () => {
  it("takes better-sqlite3 13 from Node-API 10 (Node 22.14 and later)", () => {
    expect(sqlitePackage(10)).toBe("better-sqlite3");
    expect(sqlitePackage(11)).toBe("better-sqlite3");
  });

  it("takes the 12.x line on Node-API 9 (Node 22.12 and 22.13)", () => {
    expect(sqlitePackage(9)).toBe("better-sqlite3-napi9");
  });

  it("both lines are installed, and this Node opens a database with its own", () => {
    const require = createRequire(import.meta.url);
    const versions = ["better-sqlite3", "better-sqlite3-napi9"].map(
      (name) => (require(`${name}/package.json`) as { version: string }).version.split(".")[0],
    );
    expect(versions).toEqual(["13", "12"]);
    const db = new SqliteDatabase(":memory:");
    expect(db.prepare("select 1 + 1 as two").get()).toEqual({ two: 2 });
    db.close();
  });
});
