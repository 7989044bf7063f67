import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { authFailedMessage, credentialsFor, manageCredentials } from "./credentials.ts";
import { isOidcAuth } from "./oidcAuth.ts";

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
/** An id-token as client-node reads it (it checks only `exp`; the issuer's side is the e2e's). */
const jwt = (n: number, expInS = 3600) =>
  `${b64({ alg: "RS256" })}.${b64({ n, exp: Math.floor(Date.now() / 1000) + expInS })}.sig`;

/** A kubeconfig with an oidc user whose issuer is a counted fake grant (`refresh` answers). */
function oidcConfig(config: Record<string, string>, rotate = true, refuse = false) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: "https://127.0.0.1:1" }],
    users: [{ name: "u", authProvider: { name: "oidc", config } }],
    contexts: [{ name: "ctx", cluster: "c", user: "u" }],
    currentContext: "ctx",
  });
  manageCredentials(kc, { reloadToken: () => null });
  const auth = (kc as unknown as { authenticators: unknown[] }).authenticators.find(isOidcAuth);
  if (!auth) throw new Error("no OpenIDConnectAuth in client-node");
  const grants: string[] = [];
  auth.getClient = async () => ({
    async refresh(token: string) {
      grants.push(token);
      await new Promise((r) => setTimeout(r, 20));
      if (refuse) throw Object.assign(new Error("refused"), { error: "invalid_grant" });
      const n = grants.length;
      return {
        id_token: jwt(n),
        refresh_token: rotate ? `rt-${n}` : undefined,
        expires_at: 3600,
      };
    },
  });
  const token = async () => {
    const o: { headers?: Record<string, string> } = {};
    await kc.applyToHTTPSOptions(o);
    return o.headers?.Authorization;
  };
  return { kc, grants, token, user: () => kc.getCurrentUser()?.authProvider?.config };
}

const base = { "client-id": "ferry", "idp-issuer-url": "https://127.0.0.1:2" };

describe("oidc auth", () => {
  it("a 401 forces one grant for all the requests waiting, then none until the new exp", async () => {
    const c = oidcConfig({ ...base, "id-token": jwt(0), "refresh-token": "rt-0" });
    expect(await c.token()).toBe(`Bearer ${jwt(0)}`);
    expect(c.grants).toEqual([]);
    expect(credentialsFor(c.kc)?.refresh()).toBe(true);
    const [a, b] = await Promise.all([c.token(), c.token()]);
    expect(a).toBe(b);
    expect(c.grants).toEqual(["rt-0"]);
    expect(c.user()?.["refresh-token"]).toBe("rt-1");
    // client-node took expires_in (3600) for a time and would refresh on every request.
    await c.token();
    expect(c.grants).toHaveLength(1);
    // A 401 right after a grant: retried with the brand-new token, no second grant.
    expect(credentialsFor(c.kc)?.refresh()).toBe(true);
    await c.token();
    expect(c.grants).toHaveLength(1);
  });

  it("keeps the refresh token when the issuer rotates none", async () => {
    const c = oidcConfig({ ...base, "id-token": jwt(0), "refresh-token": "rt-0" }, false);
    credentialsFor(c.kc)?.refresh();
    await c.token();
    expect(c.grants).toEqual(["rt-0"]);
    expect(c.user()?.["refresh-token"]).toBe("rt-0");
  });

  it("without a refresh token there is nothing to renew: the 401 is the error", () => {
    const c = oidcConfig({ ...base, "id-token": jwt(0) });
    expect(credentialsFor(c.kc)?.refresh()).toBe(false);
    expect(credentialsFor(c.kc)?.describe()).toBe('auth provider "oidc"');
  });

  it("after a refused grant, the 401s that follow name the refusal, not a generic login hint", async () => {
    const c = oidcConfig({ ...base, "id-token": jwt(0), "refresh-token": "rt-0" }, true, true);
    expect(authFailedMessage(c.kc, "pods")).toContain("(401 Unauthorized)");
    expect(credentialsFor(c.kc)?.refresh()).toBe(true);
    await expect(c.token()).rejects.toThrow(/could not be refreshed .*invalid_grant/);
    // Within 10 s of the refusal no new grant: the 401 stands, with the refusal as its cause.
    expect(credentialsFor(c.kc)?.refresh()).toBe(false);
    const message = authFailedMessage(c.kc, "pods");
    expect(message).toContain('context "ctx"');
    expect(message).toContain('auth provider "oidc" could not be refreshed');
    expect(message).toContain("invalid_grant");
    expect(message).not.toContain("rt-0");
  });
});
