import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The http-backend CGI Debian's `git` package installs. */
export const HTTP_BACKEND = "/usr/lib/git-core/git-http-backend";

/** True when the real `git` CLI and its http-backend are installed (Debian package `git`). */
export function hasGit(): boolean {
  try {
    execFileSync("git", ["--version"], { stdio: "ignore" });
    return existsSync(HTTP_BACKEND);
  } catch {
    return false;
  }
}

/**
 * The environment every git the server runs sees: no user or system config (a developer's
 * hooks, signing or credential helpers must not leak into tests), a fixed identity, no prompts.
 */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Upstream Dev",
    GIT_AUTHOR_EMAIL: "upstream@example.test",
    GIT_COMMITTER_NAME: "Upstream Dev",
    GIT_COMMITTER_EMAIL: "upstream@example.test",
  };
}

export function git(home: string, cwd: string, args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    env: gitEnv(home),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}
