import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { credentialChain } from "./credentials.ts";

const dir = mkdtempSync(join(tmpdir(), "cred-chain-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const url = new URL("https://git.example.com/team/c.git");
const base = { id: "t", url: url.href, ref: "main", path: "f.json" };

describe("credentialChain (no helper)", () => {
  it("offers the env token, then the token file, then gives up; logs never hold a token", async () => {
    process.env.CHAIN_UNIT_TOKEN = "tok-env-aaa";
    const file = join(dir, "tok");
    writeFileSync(file, "tok-file-bbb\n", { mode: 0o600 });
    const lines: string[] = [];
    const chain = credentialChain(
      { ...base, tokenEnv: "CHAIN_UNIT_TOKEN", tokenFile: file, username: "me" },
      url,
      { helperTimeoutMs: 1000, useHelper: false, log: (l) => lines.push(l) },
    );
    expect(await chain.onAuth(url.href, {})).toEqual({ username: "me", password: "tok-env-aaa" });
    expect(await chain.onAuth(url.href, {})).toEqual({ username: "me", password: "tok-env-aaa" });
    expect(await chain.onAuthFailure(url.href, {})).toEqual({
      username: "me",
      password: "tok-file-bbb",
    });
    expect(await chain.onAuthFailure(url.href, {})).toBeUndefined();
    expect(chain.tried).toEqual(["token from $CHAIN_UNIT_TOKEN", `token file ${file}`]);
    expect(lines.join("\n")).not.toMatch(/tok-env-aaa|tok-file-bbb/);
  });

  it("sends a bearer header when the source says so; x-access-token is the default user", async () => {
    process.env.CHAIN_UNIT_TOKEN = "tok-env-ccc";
    const opts = { helperTimeoutMs: 1000, useHelper: false, log: () => {} };
    const bearer = credentialChain(
      { ...base, tokenEnv: "CHAIN_UNIT_TOKEN", authScheme: "bearer" },
      url,
      opts,
    );
    expect(await bearer.onAuth(url.href, {})).toEqual({
      headers: { Authorization: "Bearer tok-env-ccc" },
    });
    const basic = credentialChain({ ...base, tokenEnv: "CHAIN_UNIT_TOKEN" }, url, opts);
    expect(await basic.onAuth(url.href, {})).toMatchObject({ username: "x-access-token" });
  });

  it("an empty env var counts as unavailable, not as an empty password", async () => {
    process.env.CHAIN_UNIT_EMPTY = "";
    const chain = credentialChain({ ...base, tokenEnv: "CHAIN_UNIT_EMPTY" }, url, {
      helperTimeoutMs: 1000,
      useHelper: false,
      log: () => {},
    });
    expect(await chain.onAuth(url.href, {})).toBeUndefined();
    expect(chain.unavailable).toEqual(["token from $CHAIN_UNIT_EMPTY"]);
  });
});
