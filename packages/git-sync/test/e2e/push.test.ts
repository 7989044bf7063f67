import { join } from "node:path";
import { type GitServer, startGitServer } from "@ferry/git-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSource, pushSource, type SyncSource } from "../../src/index.ts";
import { everyFileText, FORWARDS, refusal, scratch } from "./helpers.ts";

const s = scratch();
let server: GitServer;
const TOKEN = "tok-push-51aa07";
const author = { name: "Ferry User", email: "user@example.test" };
beforeAll(async () => {
  server = await startGitServer({ auth: { bearer: TOKEN } });
  process.env.PUSH_TEST_TOKEN = TOKEN;
});
afterAll(async () => {
  await server.close();
  s.cleanup();
});

const viaHttps = (repo: string): SyncSource => ({
  id: repo,
  url: server.httpsUrl(repo),
  ref: "main",
  path: "team/forwards.json",
  caFile: server.caFile,
  tokenEnv: "PUSH_TEST_TOKEN",
  authScheme: "bearer",
});
const viaFile = (repo: string): SyncSource => ({
  id: repo,
  url: server.fileUrl(repo),
  ref: "main",
  path: "team/forwards.json",
});

describe.each([
  ["https (bearer token)", viaHttps],
  ["file://", viaFile],
])("pushSource over %s", (_kind, sourceOf) => {
  const repo = _kind.startsWith("https") ? "push-https" : "push-file";
  beforeAll(() => {
    server.createRepo(repo, { "team/forwards.json": FORWARDS, "other.txt": "keep me" });
  });

  it("a local change is committed, pushed and shows in the server's git log", async () => {
    const cacheDir = join(s.dir, repo, "a");
    const fetched = await fetchSource(sourceOf(repo), { cacheDir });
    const text = FORWARDS.replace("8080", "8181");
    const pushed = await pushSource(sourceOf(repo), {
      cacheDir,
      files: [{ path: "team/forwards.json", text }],
      message: "web on 8181",
      author,
    });
    expect(pushed).toMatchObject({ parent: fetched.commit, pushed: true });
    const log = server.log(repo);
    expect(log[0]).toEqual({ commit: pushed.commit, subject: "web on 8181", author: "Ferry User" });
    expect(log[1]?.commit).toBe(fetched.commit);
    expect(server.show(repo, "team/forwards.json")).toBe(text);
    expect(server.show(repo, "other.txt")).toBe("keep me");
    expect(everyFileText(cacheDir)).not.toContain(TOKEN);
  });

  it("a push behind the remote is refused and the remote keeps its commits", async () => {
    const cacheDir = join(s.dir, repo, "b");
    await fetchSource(sourceOf(repo), { cacheDir });
    const upstream = server.commit(repo, { "team/forwards.json": "[]\n" }, "upstream wins");
    const err = await refusal(
      pushSource(sourceOf(repo), {
        cacheDir,
        files: [{ path: "team/forwards.json", text: FORWARDS }],
        message: "stale",
        author,
      }),
    );
    expect(err.code).toBe("GIT_PUSH_REJECTED");
    expect(err.message).toContain(upstream.slice(0, 12));
    expect(err.message).toMatch(/Sync first/);
    expect(server.log(repo)[0]?.commit).toBe(upstream);
    expect(server.show(repo, "team/forwards.json")).toBe("[]\n");
  });

  it("after a sync the same push goes through; an unchanged file pushes nothing", async () => {
    const cacheDir = join(s.dir, repo, "b");
    const synced = await fetchSource(sourceOf(repo), { cacheDir });
    const files = [{ path: "team/forwards.json", text: FORWARDS }];
    const pushed = await pushSource(sourceOf(repo), { cacheDir, files, message: "again", author });
    expect(pushed.parent).toBe(synced.commit);
    const none = await pushSource(sourceOf(repo), { cacheDir, files, message: "noop", author });
    expect(none).toEqual({ commit: pushed.commit, parent: pushed.commit, pushed: false });
    expect(server.log(repo)[0]?.subject).toBe("again");
  });

  it("refuses a file outside the source's path", async () => {
    const err = await refusal(
      pushSource(sourceOf(repo), {
        cacheDir: join(s.dir, repo, "c"),
        files: [{ path: "other.txt", text: "x" }],
        message: "m",
        author,
      }),
    );
    expect(err.code).toBe("GIT_PATH_INVALID");
  });
});
