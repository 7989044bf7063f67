import { statSync } from "node:fs";
import { join } from "node:path";
import { type GitServer, startGitServer } from "@ferry/git-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSource, type SyncSource } from "../../src/index.ts";
import { FORWARDS, scratch, teamSource } from "./helpers.ts";

const s = scratch();
let server: GitServer;
const TOKEN = "tok-fetch-4b1d9e";
beforeAll(async () => {
  server = await startGitServer({ auth: { basic: { username: "ci", password: TOKEN } } });
  server.createRepo("team", {
    "forwards.json": FORWARDS,
    "envs/b.json": "[]",
    "envs/a.json": "{}",
    "envs/README.md": "not a config",
  });
  process.env.FETCH_TEST_TOKEN = TOKEN;
});
afterAll(async () => {
  await server.close();
  s.cleanup();
});

function source(over: Partial<SyncSource> = {}): SyncSource {
  // `interval`: the store's fields ride along and are ignored.
  return teamSource(server, { tokenEnv: "FETCH_TEST_TOKEN", interval: 60, ...over });
}

describe("fetchSource over HTTPS", () => {
  it("first fetch: the file at the branch head, into a 0700 cache", async () => {
    const cacheDir = join(s.dir, "home", "git", "team");
    const got = await fetchSource(source(), { cacheDir });
    expect(got.commit).toBe(server.log("team")[0]?.commit);
    expect(got.files).toEqual([{ path: "forwards.json", text: FORWARDS }]);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
  });

  it("a second fetch of the same commit gives the same answer", async () => {
    const cacheDir = join(s.dir, "second");
    const first = await fetchSource(source(), { cacheDir });
    const again = await fetchSource(source(), { cacheDir });
    expect(again).toEqual(first);
  });

  it("picks up an upstream commit", async () => {
    const cacheDir = join(s.dir, "upstream");
    const before = await fetchSource(source(), { cacheDir });
    const edited = FORWARDS.replace("8080", "9090");
    const commit = server.commit("team", { "forwards.json": edited }, "move web to 9090");
    const after = await fetchSource(source(), { cacheDir });
    expect(after.commit).toBe(commit);
    expect(after.commit).not.toBe(before.commit);
    expect(after.files[0]?.text).toBe(edited);
  });

  it("a directory: every *.json directly in it, sorted", async () => {
    const got = await fetchSource(source({ path: "envs/" }), { cacheDir: join(s.dir, "dir") });
    expect(got.files).toEqual([
      { path: "envs/a.json", text: "{}" },
      { path: "envs/b.json", text: "[]" },
    ]);
  });

  it("another branch", async () => {
    server.commit("team", { "forwards.json": "[]" }, "tagged state", "release");
    const got = await fetchSource(source({ ref: "release" }), { cacheDir: join(s.dir, "tag") });
    expect(got.files[0]?.text).toBe("[]");
  });
});

describe("fetchSource from file://", () => {
  it("reads a bare repository in place and sees upstream commits", async () => {
    const src = source({ url: server.fileUrl("team"), caFile: null, tokenEnv: null });
    const cacheDir = join(s.dir, "file");
    const first = await fetchSource(src, { cacheDir });
    expect(first.commit).toBe(server.log("team")[0]?.commit);
    const commit = server.commit("team", { "forwards.json": "[]\n" }, "empty");
    const second = await fetchSource(src, { cacheDir });
    expect(second).toEqual({ commit, files: [{ path: "forwards.json", text: "[]\n" }] });
  });
});
