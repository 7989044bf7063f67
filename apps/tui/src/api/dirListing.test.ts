import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listDir } from "./dirListing.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the import browser's listing", () => {
  it("lists .., folders, then JSON files, sorted, without hidden ones", () => {
    dir = mkdtempSync(join(tmpdir(), "ferry-dir-"));
    mkdirSync(join(dir, "zeta"));
    mkdirSync(join(dir, "alpha"));
    mkdirSync(join(dir, ".git"));
    for (const f of ["b.json", "a.json", "notes.txt", ".hidden.json"])
      writeFileSync(join(dir, f), "[]");
    const { entries, error } = listDir(dir);
    expect(error).toBeNull();
    expect(entries.map((e) => e.name)).toEqual(["..", "alpha", "zeta", "a.json", "b.json"]);
    expect(entries[3]).toEqual({ name: "a.json", path: join(dir, "a.json"), dir: false });
  });

  it("says why a folder cannot be read, and still offers the way up", () => {
    dir = mkdtempSync(join(tmpdir(), "ferry-dir-"));
    const { entries, error } = listDir(join(dir, "missing"));
    expect(entries.map((e) => e.name)).toEqual([".."]);
    expect(error).toMatch(/ENOENT/);
  });
});
