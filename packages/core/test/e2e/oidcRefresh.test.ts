// Issue 20, credentials that expire, for an `auth-provider: oidc` user: the API server revokes an
// id-token before its `exp` (or the signing key rotated). A 401 refreshes the id-token once with
// the refresh token at the issuer (a real loopback OIDC issuer) and retries; a running forward
// goes on serving new connections. An issuer that refuses the refresh is an error naming the
// context and the provider, kept in the status while the forward retries.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForwardEvent } from "../../src/index.ts";
import {
  expectUndisturbed,
  httpGet,
  kubeconfigWithUser,
  tcpConfig,
  useSimAndEngine,
} from "./helpers.ts";
import { type OidcIssuer, oidcUser, startOidcIssuer } from "./oidcIssuer.ts";

const { sim, newEngine } = useSimAndEngine({ scenario: "test" });
let issuer: OidcIssuer;
beforeAll(async () => {
  issuer = await startOidcIssuer();
});
afterAll(() => issuer?.close());

/** A forward running on an OIDC user whose id-token the sim accepts now. */
async function runningOnOidc(name: string) {
  const t = newEngine({ tunnelIdleMs: 200 });
  const first = await issuer.mint();
  sim().rotateToken(first);
  issuer.refreshToken = `rt-${name}-1`;
  const kubeconfig = kubeconfigWithUser(
    sim().kubeconfigPath,
    t.home,
    name,
    oidcUser(issuer, first),
  );
  const cfg = tcpConfig(kubeconfig, { remote_port: 80 });
  await t.engine.start(cfg);
  const s = await t.waitFor(cfg.id, (x) => x.state === "running");
  expect((await httpGet(s.localPort!)).status).toBe(200);
  const seen: ForwardEvent[] = [];
  t.engine.on((e) => seen.push(e));
  // Tunnels close 200 ms after their last connection: the next request upgrades anew.
  await new Promise((r) => setTimeout(r, 500));
  return { t, cfg, port: s.localPort!, pod: s.pod!, kubeconfig, first, seen };
}

describe("OIDC id-token refresh on 401", () => {
  it("an id-token revoked before its exp is refreshed once at the issuer; the forward goes on", async () => {
    const { t, cfg, port, kubeconfig, first, seen } = await runningOnOidc("oidc-ok");
    issuer.grants = 0;
    issuer.refuse = false;
    const second = await issuer.mint();
    issuer.next = { idToken: second, refreshToken: "rt-oidc-ok-2" };
    sim().rotateToken(second);
    for (let i = 0; i < 3; i++) expect((await httpGet(port)).status).toBe(200);
    expect(issuer.grants).toBe(1);
    expect(issuer.refreshToken).toBe("rt-oidc-ok-2");
    expectUndisturbed(t, cfg.id, seen);
    // Written back to the kubeconfig (oidcWriteBack.test.ts has the rest), and nothing the
    // engine said carries a token.
    const file = readFileSync(kubeconfig, "utf8");
    expect(file).toContain(second);
    expect(file).toContain("rt-oidc-ok-2");
    expect(file).not.toContain(first);
    const said = JSON.stringify(t.events);
    for (const secret of [first, second, "rt-oidc-ok-1", "rt-oidc-ok-2"]) {
      expect(said).not.toContain(secret);
    }
  });

  it("an issuer that refuses the refresh is FORBIDDEN naming the context and the provider", async () => {
    const { t, port, seen } = await runningOnOidc("oidc-refused");
    issuer.grants = 0;
    issuer.refuse = true;
    sim().rotateToken(await issuer.mint());
    // v4 keeps a spare stream opened before the rotation: new connections until one needs a
    // new upgrade and the error shows.
    const refused = () =>
      seen.find((e) => e.type === "status" && e.status.error?.code === "FORBIDDEN");
    const until = Date.now() + 20_000;
    while (!refused() && Date.now() < until) {
      await httpGet(port).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
    const error = (refused() as Extract<ForwardEvent, { type: "status" }> | undefined)?.status
      .error;
    expect(error?.code).toBe("FORBIDDEN");
    expect(error?.message).toContain('context "sim"');
    expect(error?.message).toContain('auth provider "oidc"');
    expect(JSON.stringify(t.events)).not.toContain("rt-oidc-refused-1");
    expect(issuer.grants).toBeGreaterThanOrEqual(1);
  });

  it("the status keeps the refusal while the forward retries, even across a pod change, and clears once a stream opens", async () => {
    const { t, cfg, port, pod, seen } = await runningOnOidc("oidc-kept");
    issuer.refuse = true;
    sim().rotateToken(await issuer.mint());
    const statuses = () =>
      seen.flatMap((e) => (e.type === "status" && e.status.id === cfg.id ? [e.status] : []));
    const refused = () => statuses().some((s) => s.error?.code === "FORBIDDEN");
    const poke = async (ms: number, until: () => boolean = () => false) => {
      const end = Date.now() + ms;
      while (!until() && Date.now() < end) {
        await httpGet(port).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    await poke(20_000, refused);
    expect(refused()).toBe(true);
    // A rollout while refused: the watches opened before the rotation still deliver (the API
    // server does not re-authenticate them), but a new pod does not make the credentials good.
    const [ns, name] = pod.split("/");
    expect(sim().deletePod(ns!, name!)).toBe(true);
    // Past 10 s after the refusal: the retries ask the issuer again, and are refused again.
    const grants = issuer.grants;
    await poke(13_000);
    expect(issuer.grants).toBeGreaterThan(grants);
    const all = statuses();
    expect(all.length).toBeGreaterThan(0);
    const story = JSON.stringify(all.map((s) => [s.state, s.error?.code ?? null]));
    for (const s of all) {
      expect(s.error?.code, story).toBe("FORBIDDEN");
      expect(s.error?.message).toContain('context "sim"');
      expect(s.error?.message).toContain('auth provider "oidc"');
    }
    expect(t.engine.status(cfg.id)?.error?.code).toBe("FORBIDDEN");
    // Logged in again (the issuer grants): once a stream opens the error clears.
    const fresh = await issuer.mint();
    issuer.next = { idToken: fresh, refreshToken: "rt-oidc-kept-2" };
    issuer.refuse = false;
    sim().rotateToken(fresh);
    const back = await t.waitFor(cfg.id, (x) => x.state === "running", 30_000);
    expect(back.error).toBeNull();
    expect((await httpGet(port)).status).toBe(200);
    expect(JSON.stringify(t.events)).not.toContain("rt-oidc-kept-1");
  }, 90_000);
});
