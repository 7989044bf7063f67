import { describe, expect, it } from "vitest";
import { GitSyncError } from "./gitSyncError.ts";
import { normalizeRepoPath, parseSourceUrl } from "./syncSource.ts";

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof GitSyncError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "accepted";
}

describe("parseSourceUrl", () => {
  it("takes https:// and file://", () => {
    expect(parseSourceUrl("https://git.example.com/team/c.git").kind).toBe("https");
    expect(parseSourceUrl("file:///srv/git/c.git").kind).toBe("file");
  });

  it("refuses SSH in every spelling, saying HTTPS only and why", () => {
    for (const url of [
      "ssh://git@github.com/team/c.git",
      "git+ssh://git@github.com/team/c.git",
      "git@github.com:team/c.git",
    ]) {
      const refusal = codeOf(() => parseSourceUrl(url));
      expect(refusal).toMatch(/^GIT_SSH_UNSUPPORTED: /);
      expect(refusal).toContain("no SSH transport");
    }
  });

  it("refuses plain http and git:// (TLS is not optional)", () => {
    expect(codeOf(() => parseSourceUrl("http://git.example.com/c.git"))).toMatch(
      /^GIT_URL_UNSUPPORTED: http:\/\/ URLs are not supported/,
    );
    expect(codeOf(() => parseSourceUrl("git://git.example.com/c.git"))).toMatch(
      /^GIT_URL_UNSUPPORTED/,
    );
  });

  it("refuses credentials in the URL, without repeating them", () => {
    const refusal = codeOf(() => parseSourceUrl("https://me:hunter2@git.example.com/c.git"));
    expect(refusal).toMatch(/^GIT_URL_HAS_CREDENTIALS: /);
    expect(refusal).not.toContain("hunter2");
    expect(refusal).toContain("tokenEnv");
  });

  it("says what it wanted for something that is not a URL", () => {
    expect(codeOf(() => parseSourceUrl("team/configs"))).toMatch(/^GIT_URL_UNSUPPORTED: "team/);
  });
});

describe("normalizeRepoPath", () => {
  it("drops ./, leading and trailing slashes", () => {
    expect(normalizeRepoPath("./team/")).toBe("team");
    expect(normalizeRepoPath("/a//b.json")).toBe("a/b.json");
    expect(normalizeRepoPath(".")).toBe("");
  });

  it("refuses a path that leaves the repository", () => {
    expect(codeOf(() => normalizeRepoPath("team/../../etc/passwd"))).toMatch(/^GIT_PATH_INVALID/);
  });
});
