import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitServer, startGitServer } from "./gitServer.ts";

const work = mkdtempSync(join(tmpdir(), "git-server-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The real git CLI as a client, with no user config and the given extra settings. */
function gitClient(args: string[], opts: { ca?: string; header?: string; cwd?: string } = {}) {
  const config = opts.header ? ["-c", `http.extraHeader=${opts.header}`] : [];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: work,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@t",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@t",
  };
  if (opts.ca) env.GIT_SSL_CAINFO = opts.ca;
  // Async: the server answers from this same process, so a synchronous client would deadlock.
  const child = spawn("git", [...config, ...args], { cwd: opts.cwd ?? work, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d;
  });
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (status) => resolve({ status, stdout, stderr })),
  );
}

const basic = (user: string, password: string) =>
  `Authorization: Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("basic auth", () => {
  let server: GitServer;
  beforeAll(async () => {
    server = await startGitServer({ auth: { basic: { username: "dev", password: "s3cret" } } });
    server.createRepo("team", { "forwards.json": "[]\n" });
  });
  afterAll(() => server.close());

  it("serves a clone to the right user over TLS signed by its CA", async () => {
    const dest = join(work, "clone-ok");
    const r = await gitClient(["clone", server.httpsUrl("team"), dest], {
      ca: server.caFile,
      header: basic("dev", "s3cret"),
    });
    expect(r.stderr).not.toMatch(/fatal/);
    expect(readFileSync(join(dest, "forwards.json"), "utf8")).toBe("[]\n");
  });

  it("answers a wrong password with 401", async () => {
    const r = await gitClient(["clone", server.httpsUrl("team"), join(work, "clone-bad")], {
      ca: server.caFile,
      header: basic("dev", "wrong"),
    });
    expect(r.status).not.toBe(0);
    expect(server.requests.at(-1)?.status).toBe(401);
  });

  it("is refused by a client that does not trust its CA", async () => {
    const r = await gitClient(["ls-remote", server.httpsUrl("team")], {
      header: basic("dev", "s3cret"),
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/certificate/i);
  });

  it("accepts a push and shows it in git log, beside upstream commits", async () => {
    const dest = join(work, "clone-push");
    const opts = { ca: server.caFile, header: basic("dev", "s3cret") };
    await gitClient(["clone", server.httpsUrl("team"), dest], opts);
    writeFileSync(join(dest, "forwards.json"), '[{"alias":"x"}]\n');
    await gitClient(["commit", "-am", "from a client"], { ...opts, cwd: dest });
    const push = await gitClient(["push", "origin", "HEAD:main"], { ...opts, cwd: dest });
    expect(push.status, push.stderr).toBe(0);
    server.commit("team", { "more/b.json": "{}" }, "upstream edit");
    expect(server.log("team").map((e) => e.subject)).toEqual([
      "upstream edit",
      "from a client",
      "initial configs",
    ]);
    expect(server.show("team", "forwards.json")).toBe('[{"alias":"x"}]\n');
  });

  it("serves the same repository as file://", async () => {
    const dest = join(work, "clone-file");
    const r = await gitClient(["clone", server.fileUrl("team"), dest]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dest, "more/b.json"), "utf8")).toBe("{}");
  });
});

describe("bearer auth", () => {
  let server: GitServer;
  beforeAll(async () => {
    server = await startGitServer({ auth: { bearer: "tok-123" } });
    server.createRepo("team", { "a.json": "{}" }, "dev");
  });
  afterAll(() => server.close());

  it("takes the token and refuses anything else", async () => {
    const ok = await gitClient(["ls-remote", server.httpsUrl("team")], {
      ca: server.caFile,
      header: "Authorization: Bearer tok-123",
    });
    expect(ok.stdout).toMatch(/refs\/heads\/dev/);
    const bad = await gitClient(["ls-remote", server.httpsUrl("team")], {
      ca: server.caFile,
      header: "Authorization: Bearer tok-999",
    });
    expect(bad.status).not.toBe(0);
  });
});
