import { spawn } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type GitServer, startGitServer } from "@ferry/git-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSource, type SyncSource } from "../../src/index.ts";
import { FORWARDS, refusal, scratch, teamSource } from "./helpers.ts";

const s = scratch();
let server: GitServer;
const TOKEN = "tok-cred-0d3e77";
const actions = join(s.dir, "helper-actions");
const answer = join(s.dir, "helper-answer");

/**
 * A git credential helper of our own, configured the way a user would (credential.helper in the
 * global git config): it answers `get` from a file and writes down every store/erase it hears.
 */
function useHelper(reply: string, sleep = 0): void {
  const script = join(s.dir, "helper.sh");
  writeFileSync(
    script,
    `#!/bin/sh\ncat >/dev/null\necho "$1" >> ${actions}\nsleep ${sleep}\n[ "$1" = get ] && cat ${answer}\nexit 0\n`,
  );
  chmodSync(script, 0o700);
  writeFileSync(answer, reply);
  writeFileSync(actions, "");
  writeFileSync(process.env.GIT_CONFIG_GLOBAL ?? "", `[credential]\n\thelper = ${script}\n`);
}

beforeAll(async () => {
  server = await startGitServer({ auth: { basic: { username: "ci", password: TOKEN } } });
  server.createRepo("team", { "forwards.json": FORWARDS });
  process.env.CRED_TEST_TOKEN = TOKEN;
});
afterAll(async () => {
  await server.close();
  s.cleanup();
});

const source = (over: Partial<SyncSource> = {}) => teamSource(server, over);

describe("credentials, in order", () => {
  it("the git credential helper comes first, and hears approve", async () => {
    useHelper(`username=ci\npassword=${TOKEN}\n`);
    const lines: string[] = [];
    const got = await fetchSource(source({ tokenEnv: "CRED_TEST_TOKEN" }), {
      cacheDir: join(s.dir, "helper-ok"),
      log: (l) => lines.push(l),
    });
    expect(got.files[0]?.text).toBe(FORWARDS);
    expect(lines.filter((l) => l.startsWith("credentials:"))).toEqual([
      "credentials: trying git credential helper",
    ]);
    expect(readFileSync(actions, "utf8").split("\n")).toEqual(["get", "store", ""]);
  });

  it("a refused helper credential is rejected, then the env token is tried", async () => {
    useHelper("username=ci\npassword=stale-helper-secret\n");
    const lines: string[] = [];
    await fetchSource(source({ tokenEnv: "CRED_TEST_TOKEN" }), {
      cacheDir: join(s.dir, "helper-bad"),
      log: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.startsWith("credentials:"))).toEqual([
      "credentials: trying git credential helper",
      "credentials: git credential helper refused",
      "credentials: trying token from $CRED_TEST_TOKEN",
    ]);
    expect(readFileSync(actions, "utf8").split("\n")).toEqual(["get", "erase", ""]);
  });

  it("then the token file, when the env var is empty", async () => {
    useHelper("");
    const file = join(s.dir, "token");
    writeFileSync(file, TOKEN, { mode: 0o600 });
    const lines: string[] = [];
    await fetchSource(source({ tokenEnv: "CRED_TEST_UNSET", tokenFile: file }), {
      cacheDir: join(s.dir, "file"),
      log: (l) => lines.push(l),
    });
    expect(lines.filter((l) => l.startsWith("credentials:"))).toEqual([
      `credentials: trying token file ${file}`,
    ]);
  });

  it("a helper that hangs is killed after its timeout and never prompts", async () => {
    useHelper(`username=ci\npassword=${TOKEN}\n`, 30);
    const err = await refusal(
      fetchSource(source(), { cacheDir: join(s.dir, "slow"), credentialHelperTimeoutMs: 300 }),
    );
    expect(err.code).toBe("GIT_AUTH_FAILED");
    expect(err.message).toContain("git credential helper");
  });
});

describe("trust", () => {
  it("NODE_EXTRA_CA_CERTS is honoured (a fresh Node process, as the daemon would start)", async () => {
    writeFileSync(process.env.GIT_CONFIG_GLOBAL ?? "", "");
    const program = `
      import { fetchSource } from ${JSON.stringify(new URL("../../src/index.ts", import.meta.url).pathname)};
      const got = await fetchSource(${JSON.stringify(source({ caFile: null, tokenEnv: "CRED_TEST_TOKEN" }))}, { cacheDir: ${JSON.stringify(join(s.dir, "extra"))} });
      console.log(got.files[0].path);`;
    const run = (extra: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ["--input-type=module", "-e", program], {
          env: { ...process.env, NODE_EXTRA_CA_CERTS: extra },
        });
        let out = "";
        child.stdout.on("data", (d: Buffer) => {
          out += d;
        });
        child.stderr.on("data", (d: Buffer) => {
          out += d;
        });
        child.on("close", (code) => resolve({ code, out }));
      });
    const trusted = await run(server.caFile);
    expect(trusted.out.trim()).toBe("forwards.json");
    const untrusted = await run("/etc/ssl/certs/ca-certificates.crt");
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.out).toContain("GIT_TLS_UNKNOWN_CA");
  });
});
