import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** A real git repository on disk (`file://` for a sync source), committed with the git CLI. */
export function gitRepo(dir: string) {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=Ferry Test", "-c", "user.email=test@ferry.invalid", ...args],
      {
        cwd: dir,
        encoding: "utf8",
      },
    ).trim();
  git("init", "-q", "-b", "main");
  return {
    url: `file://${dir}`,
    /** Writes `file` (text as is, anything else as JSON) and commits it; returns the commit id. */
    commit(file: string, content: unknown, message = `update ${file}`): string {
      const text = typeof content === "string" ? content : JSON.stringify(content, null, 2);
      writeFileSync(join(dir, file), text);
      git("add", file);
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD");
    },
  };
}
