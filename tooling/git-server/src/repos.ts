import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { git } from "./gitCli.ts";

/** Files to write (path in the repo -> text), or `null` to delete one. */
export type RepoFiles = Record<string, string | null>;

export type LogEntry = { commit: string; subject: string; author: string };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Bare repositories under `root` (`<name>.git`), each changed through a scratch clone under
 * `root/.work`, so the served repository only ever changes by a push, as upstream would.
 */
export class Repos {
  readonly root: string;
  private readonly home: string;

  constructor(root: string) {
    this.root = root;
    this.home = join(root, ".home");
    mkdirSync(this.home, { recursive: true });
  }

  gitDir(name: string): string {
    if (!NAME.test(name))
      throw new Error(`git-server: bad repository name ${JSON.stringify(name)}`);
    return join(this.root, `${name}.git`);
  }

  /** A new bare repository whose `branch` holds `files` in one commit; returns that commit. */
  create(name: string, files: RepoFiles, branch = "main"): string {
    const bare = this.gitDir(name);
    git(this.home, this.root, ["init", "--quiet", "--bare", `--initial-branch=${branch}`, bare]);
    // Pushes arrive with or without REMOTE_USER; receive-pack is on either way. Non-fast-forward
    // pushes stay allowed (git's default), so only the client's own refusal can stop one.
    git(this.home, bare, ["config", "http.receivepack", "true"]);
    return this.commit(name, files, "initial configs", branch);
  }

  /** Commits `files` on `branch` (created when missing) as an upstream developer would. */
  commit(name: string, files: RepoFiles, message: string, branch = "main"): string {
    const bare = this.gitDir(name);
    const work = join(this.root, ".work", name);
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    git(this.home, work, ["init", "--quiet", `--initial-branch=${branch}`]);
    const heads = git(this.home, bare, ["for-each-ref", "--format=%(refname)", "refs/heads"]);
    const from = heads.includes(`refs/heads/${branch}\n`) ? branch : heads.split("\n")[0];
    if (from) {
      git(this.home, work, ["fetch", "--quiet", bare, `${from}:refs/remotes/up/${from}`]);
      git(this.home, work, ["reset", "--quiet", "--hard", `refs/remotes/up/${from}`]);
    }
    for (const [path, text] of Object.entries(files)) {
      const file = join(work, path);
      if (text === null) {
        git(this.home, work, ["rm", "--quiet", "-r", "--", path]);
        continue;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      git(this.home, work, ["add", "--", path]);
    }
    git(this.home, work, ["commit", "--quiet", "--allow-empty", "-m", message]);
    git(this.home, work, ["push", "--quiet", bare, `HEAD:refs/heads/${branch}`]);
    const commit = git(this.home, work, ["rev-parse", "HEAD"]).trim();
    rmSync(work, { recursive: true, force: true });
    return commit;
  }

  /** `git log` of the served repository, newest first. */
  log(name: string, branch = "main"): LogEntry[] {
    const out = git(this.home, this.gitDir(name), ["log", "--format=%H%x00%s%x00%an", branch]);
    return out
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [commit = "", subject = "", author = ""] = line.split("\0");
        return { commit, subject, author };
      });
  }

  /** A file's text at `ref` in the served repository. */
  show(name: string, path: string, ref = "main"): string {
    return git(this.home, this.gitDir(name), ["show", `${ref}:${path}`]);
  }
}
