import { homedir } from "node:os";
import { GitSyncError } from "./gitSyncError.ts";

/**
 * Where a source's configs live. The store keeps more per source (interval, prune, context and
 * kubeconfig overrides); extra fields are accepted and ignored here.
 */
export type SyncSource = {
  id: string;
  /** `https://...` or `file:///...`. */
  url: string;
  /** Branch or tag. */
  ref: string;
  /** A JSON file, or a directory whose `*.json` files (not recursive) are read, in the repo. */
  path: string;
  /** PEM file of a private CA, trusted on top of the default ones. */
  caFile?: string | null;
  /** Name of an environment variable that holds a token. */
  tokenEnv?: string | null;
  /** A file (mode 0600) that holds a token. */
  tokenFile?: string | null;
  /** Username sent with a token (basic auth); default `x-access-token`. */
  username?: string | null;
  /** How a token is sent: `basic` (password, the default; GitHub, GitLab, Gitea) or `bearer`. */
  authScheme?: "basic" | "bearer" | null;
  [extra: string]: unknown;
};

export type SourceUrl = { kind: "https"; url: URL } | { kind: "file"; url: URL };

const SCP_LIKE = /^[\w.-]+@[\w.-]+:/;

/** Checks the URL before any I/O, so a bad source is refused with the reason. */
export function parseSourceUrl(raw: string): SourceUrl {
  const text = raw.trim();
  if (text.startsWith("ssh://") || text.startsWith("git+ssh://") || SCP_LIKE.test(text)) {
    throw new GitSyncError(
      "GIT_SSH_UNSUPPORTED",
      `${text} is an SSH URL; git sync speaks HTTPS only, because isomorphic-git (the git library Ferry uses) has no SSH transport. Use the repository's https:// URL with a token (tokenEnv, tokenFile or your git credential helper).`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GitSyncError(
      "GIT_URL_UNSUPPORTED",
      `"${text}" is not a URL; give an https:// repository URL (or file:// for a local repository)`,
    );
  }
  if (url.protocol === "file:") return { kind: "file", url };
  if (url.protocol !== "https:") {
    throw new GitSyncError(
      "GIT_URL_UNSUPPORTED",
      `${url.protocol}// URLs are not supported: git sync uses https:// (TLS always verified) or file:// for a local repository`,
    );
  }
  if (url.username || url.password) {
    url.username = "";
    url.password = "";
    throw new GitSyncError(
      "GIT_URL_HAS_CREDENTIALS",
      `the URL ${url.href} carried credentials; sources are stored and shown, so put the token in an environment variable (tokenEnv), a token file (tokenFile) or your git credential helper, and give the URL without them`,
    );
  }
  return { kind: "https", url };
}

/** `~/x` -> `$HOME/x`, as users write paths in configs. */
export function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? homedir() + path.slice(1) : path;
}

/** The path in the repository without leading `./` or `/`, trailing `/`; `..` is refused. */
export function normalizeRepoPath(path: string): string {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) {
    throw new GitSyncError(
      "GIT_PATH_INVALID",
      `the path "${path}" leaves the repository (".."); give a path inside it, such as "forwards.json" or "team/"`,
    );
  }
  return parts.join("/");
}
