import { chmodSync, existsSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { type GitServer, startGitServer } from "@ferry/git-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSource, type SyncSource } from "../../src/index.ts";
import { everyFileText, FORWARDS, refusal, scratch, teamSource } from "./helpers.ts";

const s = scratch();
let server: GitServer;
let other: GitServer;
const TOKEN = "tok-right-7c2f0a";
const WRONG = "tok-wrong-e93b51";
beforeAll(async () => {
  server = await startGitServer({ auth: { basic: { username: "ci", password: TOKEN } } });
  other = await startGitServer({ caName: "some-other-ca" });
  server.createRepo("team", { "forwards.json": FORWARDS });
});
afterAll(async () => {
  await server.close();
  await other.close();
  s.cleanup();
});

const source = (over: Partial<SyncSource> = {}) => teamSource(server, over);

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("refusals", () => {
  it("an unknown CA: refused, naming the host and how to add the CA", async () => {
    const err = await refusal(
      fetchSource(source({ caFile: other.caFile }), { cacheDir: join(s.dir, "ca") }),
    );
    expect(err.code).toBe("GIT_TLS_UNKNOWN_CA");
    expect(err.message).toContain(`127.0.0.1:${server.port}`);
    expect(err.message).toContain("caFile");
    expect(err.message).toContain("NODE_EXTRA_CA_CERTS");
  });

  it("a wrong token: refused, and the token is in no log, error or cache file", async () => {
    process.env.REFUSAL_WRONG_TOKEN = WRONG;
    const cacheDir = join(s.dir, "wrong");
    const lines: string[] = [];
    const err = await refusal(
      fetchSource(source({ tokenEnv: "REFUSAL_WRONG_TOKEN" }), {
        cacheDir,
        log: (l) => lines.push(l),
      }),
    );
    expect(err.code).toBe("GIT_AUTH_FAILED");
    expect(err.message).toContain("token from $REFUSAL_WRONG_TOKEN");
    expect(lines).toContain("credentials: trying token from $REFUSAL_WRONG_TOKEN");
    const captured = [lines.join("\n"), err.message, err.stack, JSON.stringify(err)].join("\n");
    expect(captured).not.toContain(WRONG);
    expect(existsSync(cacheDir)).toBe(true);
    expect(everyFileText(cacheDir)).not.toContain(WRONG);
  });

  it("no credentials at all: says where a token may come from", async () => {
    const err = await refusal(fetchSource(source(), { cacheDir: join(s.dir, "none") }));
    expect(err.code).toBe("GIT_AUTH_FAILED");
    expect(err.message).toMatch(/credential helper.*tokenEnv.*tokenFile/);
  });

  it("ssh:// and git@ URLs: HTTPS only, and why", async () => {
    for (const url of ["ssh://git@example.com/team/configs.git", "git@example.com:team/c.git"]) {
      const err = await refusal(fetchSource(source({ url }), { cacheDir: join(s.dir, "ssh") }));
      expect(err.code).toBe("GIT_SSH_UNSUPPORTED");
      expect(err.message).toContain("isomorphic-git");
      expect(err.message).toContain("https://");
    }
    expect(existsSync(join(s.dir, "ssh"))).toBe(false);
  });

  it("a missing branch, over HTTPS and file://", async () => {
    process.env.REFUSAL_TOKEN = TOKEN;
    const https = await refusal(
      fetchSource(source({ ref: "nope", tokenEnv: "REFUSAL_TOKEN" }), {
        cacheDir: join(s.dir, "ref"),
      }),
    );
    const file = await refusal(
      fetchSource(source({ ref: "nope", url: server.fileUrl("team") }), {
        cacheDir: join(s.dir, "ref-file"),
      }),
    );
    for (const err of [https, file]) {
      expect(err.code).toBe("GIT_REF_NOT_FOUND");
      expect(err.message).toContain('"nope"');
    }
  });

  it("a path not found names the path and the commit", async () => {
    const head = server.log("team")[0]?.commit ?? "";
    const err = await refusal(
      fetchSource(source({ path: "team/missing.json", url: server.fileUrl("team") }), {
        cacheDir: join(s.dir, "path"),
      }),
    );
    expect(err.code).toBe("GIT_PATH_NOT_FOUND");
    expect(err.message).toContain('"team/missing.json"');
    expect(err.message).toContain(head.slice(0, 12));
  });

  it("an unreachable host (a closed loopback port) names the host and the reason", async () => {
    const port = await closedPort();
    const err = await refusal(
      fetchSource(source({ url: `https://127.0.0.1:${port}/team.git` }), {
        cacheDir: join(s.dir, "down"),
      }),
    );
    expect(err.code).toBe("GIT_UNREACHABLE");
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.message).toContain("connection refused");
  });

  it("a token file others can read is refused with the chmod; at 0600 it is used", async () => {
    const file = join(s.dir, "token");
    writeFileSync(file, `${TOKEN}\n`);
    chmodSync(file, 0o644);
    const err = await refusal(
      fetchSource(source({ tokenFile: file }), { cacheDir: join(s.dir, "tf") }),
    );
    expect(err.code).toBe("GIT_TOKEN_FILE_NOT_PRIVATE");
    expect(err.message).toContain("0644");
    expect(err.message).toContain(`chmod 600 ${file}`);
    expect(server.requests.some((r) => r.path.includes("team"))).toBe(true); // earlier tests
    chmodSync(file, 0o600);
    const got = await fetchSource(source({ tokenFile: file }), { cacheDir: join(s.dir, "tf") });
    expect(got.files[0]?.text).toBe(FORWARDS);
  });
});
