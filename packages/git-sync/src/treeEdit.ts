import fs from "node:fs";
import git, { type TreeEntry } from "isomorphic-git";

/** Writes `text` at `path` (slash-separated) into the tree `treeOid`; returns the new tree's id. */
export async function writeFileIntoTree(
  gitdir: string,
  treeOid: string | null,
  path: string,
  text: string,
): Promise<string> {
  const [name = "", ...rest] = path.split("/");
  const entries: TreeEntry[] = treeOid
    ? (await git.readTree({ fs, gitdir, oid: treeOid })).tree
    : [];
  const existing = entries.find((e) => e.path === name);
  let entry: TreeEntry;
  if (rest.length === 0) {
    const oid = await git.writeBlob({ fs, gitdir, blob: new TextEncoder().encode(text) });
    entry = { mode: "100644", path: name, oid, type: "blob" };
  } else {
    const sub = existing?.type === "tree" ? existing.oid : null;
    const oid = await writeFileIntoTree(gitdir, sub, rest.join("/"), text);
    entry = { mode: "040000", path: name, oid, type: "tree" };
  }
  const next = entries.filter((e) => e.path !== name);
  next.push(entry);
  return git.writeTree({ fs, gitdir, tree: next });
}
