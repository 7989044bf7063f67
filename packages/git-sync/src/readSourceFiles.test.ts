import fs, { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import git from "isomorphic-git";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSourceFiles } from "./readSourceFiles.ts";
import { writeFileIntoTree } from "./treeEdit.ts";

const gitdir = mkdtempSync(join(tmpdir(), "read-source-"));
afterAll(() => rmSync(gitdir, { recursive: true, force: true }));
let commit = "";

beforeAll(async () => {
  await git.init({ fs, gitdir, bare: true });
  let tree: string | null = null;
  for (const [path, text] of [
    ["team/b.json", "[]"],
    ["team/a.json", "{}"],
    ["team/notes.md", "x"],
    ["team/nested/c.json", "[]"],
    ["top.json", "[1]"],
  ]) {
    tree = await writeFileIntoTree(gitdir, tree, path ?? "", text ?? "");
  }
  const latin1 = await git.writeBlob({ fs, gitdir, blob: Uint8Array.from([0xff, 0xfe, 0x41]) });
  const { tree: root } = await git.readTree({ fs, gitdir, oid: tree ?? "" });
  tree = await git.writeTree({
    fs,
    gitdir,
    tree: [...root, { mode: "100644", path: "bad.json", oid: latin1, type: "blob" }],
  });
  const who = { name: "t", email: "t@t", timestamp: 0, timezoneOffset: 0 };
  commit = await git.writeCommit({
    fs,
    gitdir,
    commit: { message: "m", tree, parent: [], author: who, committer: who },
  });
});

describe("readSourceFiles", () => {
  it("a directory: its own *.json files, sorted; not sub-directories, not other files", async () => {
    expect(await readSourceFiles(gitdir, commit, "team", "repo")).toEqual([
      { path: "team/a.json", text: "{}" },
      { path: "team/b.json", text: "[]" },
    ]);
  });

  it("one file, nested or at the root", async () => {
    expect(await readSourceFiles(gitdir, commit, "team/nested/c.json", "repo")).toEqual([
      { path: "team/nested/c.json", text: "[]" },
    ]);
    expect(await readSourceFiles(gitdir, commit, "top.json", "repo")).toHaveLength(1);
  });

  it("a missing path names the path and the commit", async () => {
    await expect(readSourceFiles(gitdir, commit, "team/zz.json", "repo")).rejects.toMatchObject({
      code: "GIT_PATH_NOT_FOUND",
      message: expect.stringContaining(
        `"team/zz.json" is not there in repo at commit ${commit.slice(0, 12)}`,
      ),
    });
    await expect(readSourceFiles(gitdir, commit, "nope/x.json", "repo")).rejects.toMatchObject({
      code: "GIT_PATH_NOT_FOUND",
    });
  });

  it("a file that is not UTF-8 is refused with its name", async () => {
    await expect(readSourceFiles(gitdir, commit, "bad.json", "repo")).rejects.toMatchObject({
      code: "GIT_FILE_NOT_TEXT",
      message: expect.stringContaining("bad.json"),
    });
  });
});
