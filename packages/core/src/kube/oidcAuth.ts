// `auth-provider: oidc` users, through client-node's OpenIDConnectAuth (its expiry check, its
// refresh-token grant, the new tokens put into the in-memory user), with what a daemon needs that
// it lacks (client-node 2.0.1):
// - a 401 forces one refresh even though the id-token's `exp` has not passed (revoked, or a
//   rotated signing key), as client-go does: `force()` marks the cached id-token expired;
// - its own OIDC client cannot refresh at all: it hands openid-client a string where a URL is
//   required, and with an IdP CA its fetch returns a plain object where a Response is required.
//   getClient is replaced by one that does discovery and the grant with openid-client properly;
// - after a refresh it takes `expires_in` (seconds from now) for an absolute time, which would
//   refresh on every request: the expiry comes from the new id-token's `exp` instead;
// - a grant that answers no new refresh token would drop the old one: it is kept;
// - concurrent requests share one grant (a rotated refresh token is good for one use).
// - client-node keeps new tokens in memory only; `saved` writes them back to the kubeconfig file
//   (kubeconfigWriteBack.ts), as client-go does, so a restart does not start from a refresh token
//   a rotating issuer already took.

import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import type { User } from "@kubernetes/client-node";
import type { CustomFetch } from "openid-client";
import { FerryForwardError } from "../errors.ts";
import type { OidcTokens } from "./kubeconfigWriteBack.ts";

interface GrantResult {
  id_token?: string;
  refresh_token?: string;
  expires_at?: number;
}

/** The parts of client-node's OpenIDConnectAuth (not exported there) this relies on. */
export interface OidcAuthLike {
  currentTokenExpiration: number;
  isAuthProvider(user: User): boolean;
  refresh(user: User, overrideClient?: unknown): Promise<string | null>;
  getClient(user: User): Promise<{ refresh(token: string): Promise<GrantResult> }>;
}

export function isOidcAuth(a: unknown): a is OidcAuthLike {
  return !!a && typeof a === "object" && "currentTokenExpiration" in a && "getClient" in a;
}

/**
 * After a grant, a 401 within this long is not worth another: the token is brand new, or the issuer
 * just refused.
 */
const FRESH_MS = 10_000;

type OidcConfig = Record<string, string | undefined>;
const configOf = (user: User): OidcConfig =>
  (user.authProvider?.config ?? {}) as unknown as OidcConfig;

function jwtExp(token: string | undefined): number {
  try {
    const payload = JSON.parse(Buffer.from(token?.split(".")[1] ?? "", "base64url").toString());
    return typeof payload.exp === "number" ? payload.exp : 0;
  } catch {
    return 0;
  }
}

/** A request body as node:http takes it (openid-client sends forms, so usually a string). */
function bodyOf(body: Parameters<CustomFetch>[1]["body"]): string | Buffer | undefined {
  if (body == null) return undefined;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (typeof body === "string" || body instanceof URLSearchParams) return String(body);
  throw new TypeError("a streamed request body is not supported here");
}

/** A fetch over node:https trusting `ca` that answers a real Response, as openid-client needs. */
function fetchTrusting(ca: Buffer): CustomFetch {
  const agent = new Agent({ ca });
  return (url, init) =>
    new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          agent,
          method: init.method ?? "GET",
          headers: init.headers,
          signal: init.signal ?? undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
            }
            resolve(
              new Response(Buffer.concat(chunks), {
                status: res.statusCode ?? 500,
                statusText: res.statusMessage ?? "",
                headers,
              }),
            );
          });
        },
      );
      req.on("error", reject);
      req.end(bodyOf(init.body));
    });
}

async function openidClient(user: User) {
  const oidc = await import("openid-client");
  const cfg = configOf(user);
  const caFile = cfg["idp-certificate-authority"];
  const caData = cfg["idp-certificate-authority-data"];
  const ca = caData ? Buffer.from(caData, "base64") : caFile ? readFileSync(caFile) : null;
  const options = ca ? { [oidc.customFetch]: fetchTrusting(ca) } : undefined;
  const issuer = new URL(cfg["idp-issuer-url"] ?? "");
  const secret = cfg["client-secret"];
  const config = await oidc.discovery(
    issuer,
    cfg["client-id"] ?? "",
    secret ? { client_secret: secret } : undefined,
    undefined,
    options,
  );
  return {
    async refresh(token: string): Promise<GrantResult> {
      const t = await oidc.refreshTokenGrant(config, token);
      return {
        id_token: t.id_token,
        refresh_token: t.refresh_token,
        expires_at: jwtExp(t.id_token),
      };
    },
  };
}

/** Why a grant failed, from openid-client's error, without anything the request carried. */
function grantFailure(err: unknown): string {
  const e = err as { error?: string; error_description?: string; message?: string };
  if (e?.error) return e.error_description ? `${e.error}: ${e.error_description}` : e.error;
  return e?.message ?? String(err);
}

export interface OidcRenewal {
  /** After a 401: the next use refreshes the id-token. False when it cannot be refreshed. */
  force(user: User): boolean;
  /** Why the last refresh was refused, until one succeeds: the 401s after it have this cause. */
  refusal(): string | null;
}

/** Called after each grant with the new tokens and the id-token they replace. */
export type OidcTokensSaver = (user: User, tokens: OidcTokens, previousIdToken?: string) => void;

export function manageOidc(
  oidc: OidcAuthLike,
  contextName: () => string,
  saved?: OidcTokensSaver,
): OidcRenewal {
  const original = oidc.refresh.bind(oidc);
  let running: Promise<string | null> | null = null;
  let grantedAt = 0;
  let failedAt = 0;
  let refusal: string | null = null;
  oidc.getClient = openidClient;
  oidc.refresh = (user: User, overrideClient?: unknown) => {
    if (running) return running;
    const cfg = configOf(user);
    const before = { id: cfg["id-token"], refresh: cfg["refresh-token"] };
    const run = original(user, overrideClient).then(
      (token) => {
        if (cfg["id-token"] !== before.id) {
          grantedAt = Date.now();
          refusal = null;
          if (!cfg["refresh-token"]) cfg["refresh-token"] = before.refresh;
          oidc.currentTokenExpiration = jwtExp(cfg["id-token"]);
          const idToken = cfg["id-token"];
          if (idToken) saved?.(user, { idToken, refreshToken: cfg["refresh-token"] }, before.id);
        }
        return token;
      },
      (err: unknown) => {
        // Back on the old id-token's own expiry: not a grant per request while the issuer refuses.
        failedAt = Date.now();
        oidc.currentTokenExpiration = jwtExp(before.id);
        refusal = `context "${contextName()}": the id-token of auth provider "oidc" could not be refreshed at ${cfg["idp-issuer-url"]} (${grantFailure(err)}); log in again (e.g. kubectl oidc-login) or fix the kubeconfig`;
        throw new FerryForwardError("FORBIDDEN", refusal);
      },
    );
    running = run;
    const done = () => {
      running = null;
    };
    run.then(done, done);
    return run;
  };
  return {
    force(user) {
      const cfg = configOf(user);
      if (!cfg["refresh-token"] || !cfg["client-id"] || !cfg["idp-issuer-url"]) return false;
      if (running || Date.now() - grantedAt < FRESH_MS) return true;
      // The issuer refused a moment ago: report the 401 instead of asking it again at once.
      if (Date.now() - failedAt < FRESH_MS) return false;
      // Any past time but 0 (client-node reads 0 as "not known yet" and takes the token's exp).
      oidc.currentTokenExpiration = 1;
      return true;
    },
    refusal: () => refusal,
  };
}
