import fs from "node:fs";
import git, { type TreeEntry } from "isomorphic-git";
import { GitSyncError } from "./gitSyncError.ts";

export type SourceFile = { path: string; text: string };

const SYMLINK = "120000";
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The commit a branch, tag (annotated ones peeled) or commit id stands for, in `gitdir`. */
export async function peelToCommit(gitdir: string, oid: string): Promise<string> {
  let current = oid;
  for (let i = 0; i < 10; i++) {
    const { type, object } = await git.readObject({ fs, gitdir, oid: current, format: "parsed" });
    if (type === "commit") return current;
    if (type !== "tag") break;
    current = (object as { object: string }).object;
  }
  throw new GitSyncError("GIT_REF_NOT_FOUND", `${oid} does not point at a commit`);
}

async function entryAt(gitdir: string, commit: string, path: string): Promise<TreeEntry | null> {
  if (path === "") {
    const { tree } = (await git.readCommit({ fs, gitdir, oid: commit })).commit;
    return { mode: "040000", path: "", oid: tree, type: "tree" };
  }
  const slash = path.lastIndexOf("/");
  try {
    const { tree } = await git.readTree({
      fs,
      gitdir,
      oid: commit,
      filepath: slash < 0 ? undefined : path.slice(0, slash),
    });
    return tree.find((e) => e.path === path.slice(slash + 1)) ?? null;
  } catch (err) {
    if ((err as { code?: string }).code === "NotFoundError") return null;
    throw err;
  }
}

async function blobText(gitdir: string, oid: string, path: string, commit: string) {
  const { blob } = await git.readBlob({ fs, gitdir, oid });
  try {
    return utf8.decode(blob);
  } catch {
    throw new GitSyncError(
      "GIT_FILE_NOT_TEXT",
      `${path} at commit ${commit.slice(0, 12)} is not UTF-8 text; config files are JSON`,
    );
  }
}

/**
 * The file at `path` in `commit`, or every `*.json` directly in the directory at `path`, sorted
 * by name. `where` names the repository in messages.
 */
export async function readSourceFiles(
  gitdir: string,
  commit: string,
  path: string,
  where: string,
): Promise<SourceFile[]> {
  const shown = path === "" ? "the repository root" : `"${path}"`;
  const entry = await entryAt(gitdir, commit, path);
  const missing = (what: string) =>
    new GitSyncError(
      "GIT_PATH_NOT_FOUND",
      `${what} in ${where} at commit ${commit.slice(0, 12)}; check the source's path (a JSON file, or a directory of *.json files)`,
    );
  if (!entry || entry.mode === SYMLINK || entry.type === "commit") {
    throw missing(`${shown} is not there`);
  }
  if (entry.type === "blob") {
    return [{ path, text: await blobText(gitdir, entry.oid, path, commit) }];
  }
  const { tree } = await git.readTree({ fs, gitdir, oid: entry.oid });
  const names = tree
    .filter((e) => e.type === "blob" && e.mode !== SYMLINK && e.path.endsWith(".json"))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (names.length === 0) throw missing(`the directory ${shown} has no *.json file`);
  const files: SourceFile[] = [];
  for (const e of names) {
    const full = path === "" ? e.path : `${path}/${e.path}`;
    files.push({ path: full, text: await blobText(gitdir, e.oid, full, commit) });
  }
  return files;
}
