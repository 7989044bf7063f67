// Issue 20, refreshed OIDC tokens saved as kubectl saves them: into the kubeconfig file that
// defined the user (here the first of two files, as KUBECONFIG lists them), only the id-token and
// refresh token, comments and mode kept. A fresh engine (as after a daemon restart) on that file
// works against an issuer that rotated its refresh token; with the old token it would be refused.
// A file that cannot be written leaves the tokens in memory and says so once, without a token.

import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearKubeCache } from "../../src/index.ts";
import {
  httpGet,
  proxyConfig,
  type TestEngine,
  tcpConfig,
  useSimAndEngine,
  waitUntil,
} from "./helpers.ts";
import { type OidcIssuer, oidcUser, startOidcIssuer } from "./oidcIssuer.ts";

const { sim, newEngine } = useSimAndEngine({ scenario: "test" });
let issuer: OidcIssuer;
beforeAll(async () => {
  issuer = await startOidcIssuer();
});
afterAll(() => issuer?.close());

/** A user-only kubeconfig file, listed before the sim's (whose own sim-user it shadows). */
async function userFile(name: string, mode: number) {
  const dir = mkdtempSync(join(tmpdir(), "ferry-oidc-wb-"));
  const file = join(dir, "user.yaml");
  const first = await issuer.mint();
  issuer.refreshToken = `rt-${name}-1`;
  writeFileSync(
    file,
    `# alice's login, by kubectl oidc-login\nusers:\n  - name: sim-user\n    user: ${JSON.stringify(oidcUser(issuer, first))}\n`,
  );
  chmodSync(file, mode);
  sim().rotateToken(first);
  return { file, first, kubeconfig: `${file}:${sim().kubeconfigPath}` };
}

/** Starts a forward on `kubeconfig` and serves one request. */
async function serving(t: TestEngine, kubeconfig: string) {
  const cfg = tcpConfig(kubeconfig, { remote_port: 80 });
  await t.engine.start(cfg);
  const s = await t.waitFor(cfg.id, (x) => x.state === "running");
  expect((await httpGet(s.localPort!)).status).toBe(200);
  return { cfg, port: s.localPort! };
}

/** The sim revokes the id-token; the issuer's next grant answers a new one. */
async function rotate(refreshToken: string): Promise<string> {
  const next = await issuer.mint();
  issuer.next = { idToken: next, refreshToken };
  sim().rotateToken(next);
  return next;
}

const tunnelsIdle = () => new Promise((r) => setTimeout(r, 500));

/**
 * Requests (each served) until `done`: on v4 the first may take a spare stream opened before the
 * rotation, and the grant comes with the next upgrade.
 */
async function requestUntil(port: number, what: string, done: () => boolean): Promise<void> {
  for (let i = 0; i < 10 && !done(); i++) {
    expect((await httpGet(port)).status).toBe(200);
    await waitUntil(() => what, done, 1500).catch(() => {});
  }
  expect(done(), what).toBe(true);
}

describe("OIDC tokens written back to the kubeconfig", () => {
  it("the file that defined the user gets the new tokens; a restarted engine refreshes with them", async () => {
    const { file, first, kubeconfig } = await userFile("wb", 0o640);
    const simFile = readFileSync(sim().kubeconfigPath, "utf8");
    const t1 = newEngine({ tunnelIdleMs: 200 });
    const { port } = await serving(t1, kubeconfig);
    await tunnelsIdle();
    issuer.grants = 0;
    issuer.refuse = false;
    const second = await rotate("rt-wb-2");
    const saved = () => readFileSync(file, "utf8");
    await requestUntil(port, "the new id-token in the file", () => saved().includes(second));
    expect(issuer.grants).toBe(1);
    expect((await httpGet(port)).status).toBe(200);
    expect(saved()).toContain("rt-wb-2");
    expect(saved()).not.toContain(first);
    expect(saved()).not.toContain("rt-wb-1");
    expect(saved()).toMatch(/^# alice's login, by kubectl oidc-login\n/);
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(readFileSync(sim().kubeconfigPath, "utf8")).toBe(simFile);

    // A restart: a new engine, nothing in memory. The issuer takes only rt-wb-2 now.
    await t1.engine.close();
    clearKubeCache();
    const third = await rotate("rt-wb-3");
    const t2 = newEngine({ tunnelIdleMs: 200 });
    await serving(t2, kubeconfig);
    await waitUntil(
      () => "the third id-token in the file",
      () => saved().includes(third),
    );
    expect(issuer.grants).toBe(2);
    expect(saved()).toContain("rt-wb-3");

    const said = JSON.stringify([...t1.events, ...t2.events]);
    for (const secret of [first, second, third, "rt-wb-1", "rt-wb-2", "rt-wb-3"]) {
      expect(said).not.toContain(secret);
    }
    expect(said).not.toContain("could not be saved");
  });

  it("a read-only kubeconfig: the new tokens work from memory, one warning says why, no token in it", async () => {
    const { file, first, kubeconfig } = await userFile("ro", 0o440);
    const before = readFileSync(file, "utf8");
    const t = newEngine({ tunnelIdleMs: 200 });
    const { cfg, port } = await serving(t, kubeconfig);
    await tunnelsIdle();
    issuer.grants = 0;
    issuer.refuse = false;
    const second = await rotate("rt-ro-2");
    const warnings = () => t.events.filter((e) => e.type === "log" && e.level === "warn");
    await requestUntil(port, "a warning", () => warnings().length > 0);
    expect(issuer.grants).toBe(1);
    await tunnelsIdle();
    expect((await httpGet(port)).status).toBe(200);

    expect(readFileSync(file, "utf8")).toBe(before);
    expect(warnings()).toHaveLength(1);
    const warning = warnings()[0] as { id: number; message: string };
    expect(warning.id).toBe(cfg.id);
    expect(warning.message).toContain("could not be saved");
    expect(warning.message).toContain(file);
    expect(warning.message).toContain("read-only");
    const said = JSON.stringify(t.events);
    for (const secret of [first, second, "rt-ro-1", "rt-ro-2"]) {
      expect(said).not.toContain(secret);
    }
    expect(t.engine.status(cfg.id)?.error).toBeNull();
  });

  it("a relay forward hears the same warning (a proxy forward through the relay pod)", async () => {
    const { file, kubeconfig } = await userFile("relay", 0o440);
    const target = createServer((_req, res) => res.end("outside the cluster"));
    await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
    try {
      const t = newEngine({ tunnelIdleMs: 200 });
      const cfg = proxyConfig(kubeconfig, { remote_port: (target.address() as AddressInfo).port });
      await t.engine.start(cfg);
      const s = await t.waitFor(cfg.id, (x) => x.state === "running", 30_000);
      expect((await httpGet(s.localPort!)).status).toBe(200);
      issuer.grants = 0;
      issuer.refuse = false;
      await rotate("rt-relay-2");
      const warnings = () =>
        t.events.filter((e) => e.type === "log" && e.level === "warn" && e.id === cfg.id);
      await requestUntil(
        s.localPort!,
        "a warning on the relay forward",
        () => warnings().length > 0,
      );
      const warning = warnings()[0] as { message: string };
      expect(warning.message).toContain("could not be saved");
      expect(warning.message).toContain(file);
    } finally {
      target.close();
    }
  });
});
