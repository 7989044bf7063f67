import fs, { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import git from "isomorphic-git";
import { trustedCertificates } from "./caCertificates.ts";
import { ensurePrivateDir } from "./cacheDir.ts";
import { classifyError } from "./classifyError.ts";
import { type CredentialChain, credentialChain } from "./credentials.ts";
import { GitSyncError } from "./gitSyncError.ts";
import { httpsClient } from "./httpClient.ts";
import { peelToCommit } from "./readSourceFiles.ts";
import type { SourceUrl, SyncSource } from "./syncSource.ts";

export type TransportOptions = {
  cacheDir: string;
  log?: (line: string) => void;
  /** How long one HTTP request may go unanswered (default 30 s). */
  timeoutMs?: number;
  /** Ask `git credential fill` (default true when the server wants credentials). */
  useCredentialHelper?: boolean;
  /** How long the credential helper may take (default 10 s). */
  credentialHelperTimeoutMs?: number;
};

const LAST_FETCH = "ferry-last-fetch";

/** The commit the last fetchSource of this cache read, or null. */
export function lastFetched(cacheDir: string): string | null {
  const file = join(cacheDir, LAST_FETCH);
  return existsSync(file) ? readFileSync(file, "utf8").trim() || null : null;
}

export function recordFetched(cacheDir: string, commit: string): void {
  writeFileSync(join(cacheDir, LAST_FETCH), `${commit}\n`, { mode: 0o600 });
}

/** The git directory of a file:// repository: `<path>/.git` when it has a work tree, else `<path>`. */
export function localGitDir(url: URL): { gitdir: string; bare: boolean } {
  const path = fileURLToPath(url);
  const dotGit = join(path, ".git");
  if (existsSync(dotGit) && statSync(dotGit).isDirectory()) return { gitdir: dotGit, bare: false };
  if (existsSync(join(path, "HEAD")) && existsSync(join(path, "objects"))) {
    return { gitdir: path, bare: true };
  }
  throw new GitSyncError(
    "GIT_UNREACHABLE",
    `no git repository at ${path} (from ${url.href}); check the path, or clone the repository there`,
  );
}

/** An HTTPS session for one operation: the CA list, the HTTP plugin and the credential chain. */
export function httpsSession(source: SyncSource, url: URL, opts: TransportOptions) {
  const log = opts.log ?? (() => {});
  const auth: CredentialChain = credentialChain(source, url, {
    helperTimeoutMs: opts.credentialHelperTimeoutMs ?? 10_000,
    useHelper: opts.useCredentialHelper ?? true,
    log,
  });
  const http = httpsClient({
    ca: trustedCertificates(source.caFile),
    timeoutMs: opts.timeoutMs ?? 30_000,
  });
  const fail = (err: unknown) =>
    classifyError(err, { url, ref: source.ref, tried: auth.tried, unavailable: auth.unavailable });
  return {
    http,
    onAuth: auth.onAuth,
    onAuthFailure: auth.onAuthFailure,
    onAuthSuccess: auth.onAuthSuccess,
    fail,
  };
}

export type HttpsSession = ReturnType<typeof httpsSession>;

/** Fetches `source.ref` shallowly (depth 1, that branch or tag only) into the bare cache. */
export async function fetchHttps(
  source: SyncSource,
  url: URL,
  session: HttpsSession,
  cacheDir: string,
): Promise<string> {
  ensurePrivateDir(cacheDir);
  await git.init({ fs, gitdir: cacheDir, bare: true, defaultBranch: "main" });
  // A fetch refspec so isomorphic-git keeps a remote-tracking ref; the URL is passed on every
  // call and never written here, so neither it nor any credential sits in the cache's config.
  await git.setConfig({
    fs,
    gitdir: cacheDir,
    path: "remote.origin.fetch",
    value: "+refs/heads/*:refs/remotes/origin/*",
  });
  let fetched: string | null;
  try {
    const res = await git.fetch({
      fs,
      http: session.http,
      gitdir: cacheDir,
      url: url.href,
      ref: source.ref,
      singleBranch: true,
      depth: 1,
      tags: false,
      onAuth: session.onAuth,
      onAuthFailure: session.onAuthFailure,
      onAuthSuccess: session.onAuthSuccess,
    });
    fetched = res.fetchHead;
  } catch (err) {
    throw session.fail(err);
  }
  if (!fetched) {
    throw new GitSyncError(
      "GIT_REF_NOT_FOUND",
      `the branch or tag "${source.ref}" does not exist in ${url.href}; check the source's ref`,
    );
  }
  return peelToCommit(cacheDir, fetched);
}

/** The commit `source.ref` names in a local repository. */
export async function resolveLocal(gitdir: string, ref: string, where: string): Promise<string> {
  let oid: string;
  try {
    oid = await git.resolveRef({ fs, gitdir, ref });
  } catch {
    throw new GitSyncError(
      "GIT_REF_NOT_FOUND",
      `the branch or tag "${ref}" does not exist in ${where}; check the source's ref`,
    );
  }
  return peelToCommit(gitdir, oid);
}

export type { SourceUrl };
