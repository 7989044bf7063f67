import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authFailedMessage, manageCredentials, renewAheadMs } from "./credentials.ts";

const dir = mkdtempSync(join(tmpdir(), "ferry-creds-"));

/** A kubeconfig whose user runs a node exec plugin printing a token valid `ttlMs` (0: no expiry). */
let configs = 0;
function execConfig(ttlMs: number) {
  // Runs counted per config: tests share the plugin's file name (describe() shows it).
  const calls = join(dir, `calls-${ttlMs}-${++configs}`);
  const plugin = join(dir, `plugin-${ttlMs}.mjs`);
  writeFileSync(
    plugin,
    `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(calls)}, "x");
const status = { token: "t" + Date.now() };
if (${ttlMs} > 0) status.expirationTimestamp = new Date(Date.now() + ${ttlMs}).toISOString();
console.log(JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1", kind: "ExecCredential", status }));
`,
  );
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: "https://127.0.0.1:1" }],
    users: [{ name: "u", exec: { command: process.execPath, args: [plugin] } }],
    contexts: [{ name: "ctx", cluster: "c", user: "u" }],
    currentContext: "ctx",
  });
  const runs = () => {
    try {
      return readFileSync(calls, "utf8").length;
    } catch {
      return 0;
    }
  };
  const token = async () => {
    const o: { headers?: Record<string, string> } = {};
    await kc.applyToHTTPSOptions(o);
    return o.headers?.Authorization;
  };
  return { kc, runs, token };
}

describe("credentials", () => {
  it("renews a fifth of a credential's life ahead of expiry, at most a minute", () => {
    expect(renewAheadMs(15 * 60_000)).toBe(60_000);
    expect(renewAheadMs(5000)).toBe(1000);
    expect(renewAheadMs(-1)).toBe(0);
  });

  it("runs the exec plugin again before expirationTimestamp, not only after it", async () => {
    const c = execConfig(5000);
    manageCredentials(c.kc, { reloadToken: () => null });
    const first = await c.token();
    expect(c.runs()).toBe(1);
    expect(await c.token()).toBe(first);
    expect(c.runs()).toBe(1);
    // 600 ms before expiry: inside the renewal window (about 1 s), still valid for client-node.
    await new Promise((r) => setTimeout(r, 4400));
    await c.token();
    expect(c.runs()).toBe(2);
  }, 15_000);

  it("refresh() makes the next use run the plugin again (after a 401), one run for many", async () => {
    const c = execConfig(0);
    const creds = manageCredentials(c.kc, { reloadToken: () => null });
    await c.token();
    await c.token();
    expect(c.runs()).toBe(1);
    expect(creds.refresh()).toBe(true);
    await Promise.all([c.token(), c.token(), c.token()]);
    expect(c.runs()).toBe(2);
    expect(creds.describe()).toBe('exec plugin "node plugin-0.mjs"');
    expect(authFailedMessage(c.kc, "pods")).toContain('context "ctx"');
    expect(authFailedMessage(c.kc, "pods")).toContain('exec plugin "node plugin-0.mjs"');
  });

  it("a 401 for credentials older than the latest renewal retries with the current ones", async () => {
    const c = execConfig(0);
    const creds = manageCredentials(c.kc, { reloadToken: () => null });
    const stale = await c.token();
    expect(c.runs()).toBe(1);
    // Two requests sent with `stale` are refused. The first 401 renews (one plugin run)…
    expect(creds.refresh(stale)).toBe(true);
    const current = await c.token();
    expect(c.runs()).toBe(2);
    expect(current).not.toBe(stale);
    // …the second arrives after that renewal: no second run, the retry gets the current ones.
    expect(creds.refresh(stale)).toBe(true);
    expect(await c.token()).toBe(current);
    expect(c.runs()).toBe(2);
    // A 401 for the current credentials (or without the header known) runs the plugin again.
    expect(creds.refresh(current)).toBe(true);
    await c.token();
    expect(c.runs()).toBe(3);
    expect(creds.refresh()).toBe(true);
    await c.token();
    expect(c.runs()).toBe(4);
  });

  it("a fixed token is renewed only when the kubeconfig on disk has another", () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "c", server: "https://127.0.0.1:1" }],
      users: [{ name: "u", token: "old" }],
      contexts: [{ name: "ctx", cluster: "c", user: "u" }],
      currentContext: "ctx",
    });
    let onDisk = "old";
    const creds = manageCredentials(kc, { reloadToken: () => onDisk });
    expect(creds.refresh()).toBe(false);
    onDisk = "new";
    expect(creds.refresh()).toBe(true);
    expect(kc.getCurrentUser()?.token).toBe("new");
  });
});
