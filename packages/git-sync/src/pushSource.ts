import fs from "node:fs";
import git from "isomorphic-git";
import { ensurePrivateDir } from "./cacheDir.ts";
import { GitSyncError } from "./gitSyncError.ts";
import type { SourceFile } from "./readSourceFiles.ts";
import {
  fetchHttps,
  httpsSession,
  lastFetched,
  localGitDir,
  recordFetched,
  resolveLocal,
  type TransportOptions,
} from "./repository.ts";
import { normalizeRepoPath, parseSourceUrl, type SyncSource } from "./syncSource.ts";
import { writeFileIntoTree } from "./treeEdit.ts";

export type PushOptions = TransportOptions & {
  files: SourceFile[];
  message: string;
  author: { name: string; email: string };
  /** The commit the local configs came from; default: the one the last fetchSource read. */
  baseCommit?: string | null;
};

export type PushResult = { commit: string; parent: string; pushed: boolean };

function checkPaths(files: SourceFile[], sourcePath: string): SourceFile[] {
  return files.map((f) => {
    const path = normalizeRepoPath(f.path);
    const inside = path === sourcePath || sourcePath === "" || path.startsWith(`${sourcePath}/`);
    if (!inside || path === "") {
      throw new GitSyncError(
        "GIT_PATH_INVALID",
        `cannot push "${f.path}": it is outside the source's path "${sourcePath}"`,
      );
    }
    return { path, text: f.text };
  });
}

function behind(where: string, ref: string, base: string, head: string): GitSyncError {
  return new GitSyncError(
    "GIT_PUSH_REJECTED",
    `${where} ${ref} is at ${head.slice(0, 12)}, ahead of ${base.slice(0, 12)} that these configs come from; pushing would overwrite commits you have not synced (a non-fast-forward). Sync first (ferry sync now), then push again. Nothing was pushed.`,
  );
}

async function commitOnto(
  gitdir: string,
  parent: string,
  files: SourceFile[],
  opts: PushOptions,
): Promise<{ commit: string; changed: boolean }> {
  const { commit: parentCommit } = await git.readCommit({ fs, gitdir, oid: parent });
  let tree = parentCommit.tree;
  for (const f of files) tree = await writeFileIntoTree(gitdir, tree, f.path, f.text);
  if (tree === parentCommit.tree) return { commit: parent, changed: false };
  const who = {
    ...opts.author,
    timestamp: Math.floor(Date.now() / 1000),
    timezoneOffset: new Date().getTimezoneOffset(),
  };
  const commit = await git.writeCommit({
    fs,
    gitdir,
    commit: { message: opts.message, tree, parent: [parent], author: who, committer: who },
  });
  return { commit, changed: true };
}

/**
 * Writes `files` into the source's branch as one commit on top of the commit the configs came
 * from, and pushes it. Never forces: when the branch has moved on, GIT_PUSH_REJECTED.
 */
export async function pushSource(source: SyncSource, opts: PushOptions): Promise<PushResult> {
  const target = parseSourceUrl(source.url);
  const files = checkPaths(opts.files, normalizeRepoPath(source.path));
  const log = opts.log ?? (() => {});
  const where = target.url.href;
  ensurePrivateDir(opts.cacheDir);
  const base = opts.baseCommit ?? lastFetched(opts.cacheDir);
  const branch = source.ref.replace(/^refs\/heads\//, "");
  const remoteRef = `refs/heads/${branch}`;

  if (target.kind === "file") {
    const { gitdir, bare } = localGitDir(target.url);
    if (!bare && (await git.currentBranch({ fs, gitdir, fullname: true })) === remoteRef) {
      throw new GitSyncError(
        "GIT_PUSH_REJECTED",
        `${branch} is checked out in ${where}; git refuses to push into a checked-out branch. Push to a bare repository, or check out another branch there.`,
      );
    }
    const head = await resolveLocal(gitdir, remoteRef, where);
    if (base && base !== head) throw behind(where, branch, base, head);
    const { commit, changed } = await commitOnto(gitdir, head, files, opts);
    if (!changed) return { commit, parent: head, pushed: false };
    // Compare and set: a writer that got in since `head` was read wins, and we refuse.
    const now = await resolveLocal(gitdir, remoteRef, where);
    if (now !== head) throw behind(where, branch, head, now);
    await git.writeRef({ fs, gitdir, ref: remoteRef, value: commit, force: true });
    recordFetched(opts.cacheDir, commit);
    log(`pushed ${commit.slice(0, 12)} to ${where} ${branch}`);
    return { commit, parent: head, pushed: true };
  }

  const session = httpsSession(source, target.url, opts);
  const gitdir = opts.cacheDir;
  const head = await fetchHttps({ ...source, ref: remoteRef }, target.url, session, gitdir);
  if (base && base !== head) throw behind(where, branch, base, head);
  const { commit, changed } = await commitOnto(gitdir, head, files, opts);
  if (!changed) return { commit, parent: head, pushed: false };
  await git.writeRef({ fs, gitdir, ref: "refs/heads/ferry-push", value: commit, force: true });
  try {
    await git.push({
      fs,
      http: session.http,
      gitdir,
      url: where,
      ref: "refs/heads/ferry-push",
      remoteRef,
      force: false,
      onAuth: session.onAuth,
      onAuthFailure: session.onAuthFailure,
      onAuthSuccess: session.onAuthSuccess,
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "PushRejectedError" || code === "GitPushError") {
      throw new GitSyncError(
        "GIT_PUSH_REJECTED",
        `${where} refused the push to ${branch} (${(err as Error).message.trim()}); the branch moved on meanwhile. Sync first (ferry sync now), then push again. Nothing was forced.`,
      );
    }
    throw session.fail(err);
  }
  recordFetched(opts.cacheDir, commit);
  log(`pushed ${commit.slice(0, 12)} to ${where} ${branch}`);
  return { commit, parent: head, pushed: true };
}
