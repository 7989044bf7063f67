import { ensurePrivateDir } from "./cacheDir.ts";
import { readSourceFiles, type SourceFile } from "./readSourceFiles.ts";
import {
  fetchHttps,
  httpsSession,
  localGitDir,
  recordFetched,
  resolveLocal,
  type TransportOptions,
} from "./repository.ts";
import { normalizeRepoPath, parseSourceUrl, type SyncSource } from "./syncSource.ts";

export type FetchResult = { commit: string; files: SourceFile[] };

/**
 * The source's file(s) at its ref. https:// is fetched shallowly into `cacheDir` (created 0700);
 * file:// is read in place. Throws a GitSyncError; nothing in the store changes either way.
 */
export async function fetchSource(
  source: SyncSource,
  opts: TransportOptions,
): Promise<FetchResult> {
  const target = parseSourceUrl(source.url);
  const path = normalizeRepoPath(source.path);
  const log = opts.log ?? (() => {});
  let gitdir: string;
  let commit: string;
  if (target.kind === "file") {
    gitdir = localGitDir(target.url).gitdir;
    ensurePrivateDir(opts.cacheDir);
    log(`reading ${target.url.href} ${source.ref}`);
    commit = await resolveLocal(gitdir, source.ref, target.url.href);
  } else {
    const session = httpsSession(source, target.url, opts);
    log(`fetching ${target.url.href} ${source.ref} (depth 1)`);
    gitdir = opts.cacheDir;
    commit = await fetchHttps(source, target.url, session, gitdir);
  }
  const files = await readSourceFiles(gitdir, commit, path, target.url.href);
  recordFetched(opts.cacheDir, commit);
  log(`${target.url.href} ${source.ref} at ${commit.slice(0, 12)}: ${files.length} file(s)`);
  return { commit, files };
}
