import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type FerryClient, ferryErrorOf } from "../../src/client/index.ts";
import { useDaemons } from "./daemonHarness.ts";
import { entry, everyFileText, GIT_TOKEN, json, useGitServer } from "./syncHarness.ts";

const daemons = useDaemons();
const git = useGitServer(daemons);
const WRONG = "wrong-tok-5e8a1f0c";

/** What the store holds, to show a refusal changed nothing. */
async function storeState(ferry: FerryClient) {
  return {
    configs: await ferry.configs.export.query(),
    sources: (await ferry.sync.list.query()).map((s) => s.name),
  };
}

describe("git sync over HTTPS: TLS, tokens and bad input (real git http-backend)", () => {
  it("syncs with a token from the daemon's environment and the source's CA; the token is in no file or output", async () => {
    const server = git.server();
    server.createRepo("secure", { "forwards.json": json([entry("web", 18080)]) });
    const { home, ferry, output } = await git.daemon();
    const added = await ferry.sync.add.mutate({
      name: "team",
      url: server.httpsUrl("secure"),
      path: "forwards.json",
      caFile: server.caFile,
      username: "ci",
      tokenEnv: "FERRY_TEST_GIT_TOKEN",
    });
    expect(added.status.lastReport?.added).toEqual(["web"]);
    const listed = JSON.stringify(await ferry.sync.list.query());
    expect(listed).toContain("FERRY_TEST_GIT_TOKEN");
    expect(listed).not.toContain(GIT_TOKEN);
    expect(everyFileText(home)).not.toContain(GIT_TOKEN);
    expect(output()).not.toContain(GIT_TOKEN);
  });

  it("refuses, with a clear message and the store unchanged: unknown CA, wrong token, unreachable host, missing branch, missing path, ssh://, a token file others can read", async () => {
    const server = git.server();
    server.createRepo("refuse", { "forwards.json": json([entry("web", 18080)]) });
    const { home, ferry, output } = await git.daemon({ FERRY_TEST_WRONG_TOKEN: WRONG });
    await ferry.configs.create.mutate(entry("mine", 17000) as never);
    const before = await storeState(ferry);
    const base = {
      name: "team",
      url: server.httpsUrl("refuse"),
      path: "forwards.json",
      caFile: server.caFile,
      username: "ci",
      tokenEnv: "FERRY_TEST_GIT_TOKEN",
    };
    const refused = async (over: Record<string, unknown>) => {
      const err = await ferry.sync.add.mutate({ ...base, ...over }).catch(ferryErrorOf);
      expect(await storeState(ferry)).toEqual(before);
      return err as { code: string; message: string };
    };

    const ca = await refused({ caFile: null });
    expect(ca.code).toBe("GIT_TLS_UNKNOWN_CA");
    expect(ca.message).toContain("127.0.0.1");
    expect(ca.message).toMatch(/caFile|NODE_EXTRA_CA_CERTS/);

    const token = await refused({ tokenEnv: "FERRY_TEST_WRONG_TOKEN" });
    expect(token.code).toBe("GIT_AUTH_FAILED");
    expect(token.message).toContain("FERRY_TEST_WRONG_TOKEN");

    const closed = await refused({ url: "https://127.0.0.1:1/nothing.git" });
    expect(closed.code).toBe("GIT_UNREACHABLE");
    expect(closed.message).toContain("127.0.0.1");

    const branch = await refused({ ref: "no-such-branch" });
    expect(branch.code).toBe("GIT_REF_NOT_FOUND");
    expect(branch.message).toContain("no-such-branch");

    const path = await refused({ path: "teams/missing.json" });
    expect(path.code).toBe("GIT_PATH_NOT_FOUND");
    expect(path.message).toContain("teams/missing.json");

    const ssh = await refused({ url: "ssh://git@example.com/team/forwards.git" });
    expect(ssh.code).toBe("GIT_SSH_UNSUPPORTED");
    expect(ssh.message).toMatch(/HTTPS only.*no SSH/);
    expect((await refused({ url: "git@example.com:team/forwards.git" })).code).toBe(
      "GIT_SSH_UNSUPPORTED",
    );

    const dir = mkdtempSync(join(tmpdir(), "ferry-token-"));
    const tokenFile = join(dir, "token");
    writeFileSync(tokenFile, `${GIT_TOKEN}\n`);
    chmodSync(tokenFile, 0o644);
    try {
      const open = await refused({ tokenEnv: null, tokenFile });
      expect(open.code).toBe("GIT_TOKEN_FILE_NOT_PRIVATE");
      expect(open.message).toContain(`chmod 600 ${tokenFile}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // No token, right or wrong, in any file of the home, the daemon's output or the messages.
    const everything = everyFileText(home) + output() + JSON.stringify([ca, token]);
    expect(everything).not.toContain(WRONG);
    expect(everything).not.toContain(GIT_TOKEN);
  });
});
