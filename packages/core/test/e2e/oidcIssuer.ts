import { randomUUID } from "node:crypto";
// A loopback OpenID Connect issuer for the e2e tests: HTTPS on 127.0.0.1 with a throwaway
// certificate (made by openssl), discovery, a JWKS and a token endpoint that answers the
// refresh-token grant with the id-token the test set up next, signed with jose. It counts grants.

import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

export const OIDC_CLIENT_ID = "ferry-e2e";

export interface OidcIssuer {
  url: string;
  caPem: string;
  /** A signed id-token for the test user, valid for an hour. */
  mint(): Promise<string>;
  /** What the next refresh grant answers: an id-token (and the refresh token it expects now). */
  next: { idToken: string; refreshToken: string } | null;
  /** The refresh token the issuer accepts now (rotated by every grant). */
  refreshToken: string;
  /** Refuse every refresh grant (invalid_grant), as after a revoked session. */
  refuse: boolean;
  grants: number;
  close(): Promise<void>;
}

async function selfSigned(dir: string): Promise<{ key: string; cert: string }> {
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  await promisify(execFile)("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-keyout",
    key,
    "-out",
    cert,
  ]);
  return { key: readFileSync(key, "utf8"), cert: readFileSync(cert, "utf8") };
}

function body(req: import("node:http").IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = "";
    req.on("data", (c) => {
      s += c;
    });
    req.on("end", () => resolve(s));
    req.on("error", reject);
  });
}

export async function startOidcIssuer(): Promise<OidcIssuer> {
  const dir = mkdtempSync(join(tmpdir(), "oidc-issuer-"));
  const tls = await selfSigned(dir);
  const { privateKey, publicKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  let url = "";
  const json = (res: import("node:http").ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(value));
  };
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, async (req, res) => {
    if (req.method === "GET" && req.url === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer: url,
        authorization_endpoint: `${url}/authorize`,
        token_endpoint: `${url}/token`,
        jwks_uri: `${url}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        grant_types_supported: ["authorization_code", "refresh_token"],
        token_endpoint_auth_methods_supported: ["none"],
      });
    }
    if (req.method === "GET" && req.url === "/jwks") return json(res, 200, { keys: [jwk] });
    if (req.method === "POST" && req.url === "/token") {
      const form = new URLSearchParams(await body(req));
      if (form.get("grant_type") !== "refresh_token") {
        return json(res, 400, { error: "unsupported_grant_type" });
      }
      issuer.grants++;
      const next = issuer.next;
      if (issuer.refuse || !next || form.get("refresh_token") !== issuer.refreshToken) {
        return json(res, 400, { error: "invalid_grant", error_description: "session revoked" });
      }
      issuer.next = null;
      issuer.refreshToken = next.refreshToken;
      return json(res, 200, {
        access_token: `at-${issuer.grants}`,
        token_type: "Bearer",
        expires_in: 3600,
        id_token: next.idToken,
        refresh_token: next.refreshToken,
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer: OidcIssuer = {
    url,
    caPem: tls.cert,
    async mint() {
      const now = Math.floor(Date.now() / 1000);
      return (
        new SignJWT({ email: "alice@example.test" })
          .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT" })
          .setIssuer(url)
          .setAudience(OIDC_CLIENT_ID)
          .setSubject("alice")
          .setIssuedAt(now)
          .setExpirationTime(now + 3600)
          // Unique per mint: two tokens minted in the same second were the same string, so a
          // "rotation" at the sim changed nothing and the refused-refresh test waited in vain.
          .setJti(randomUUID())
          .sign(privateKey)
      );
    },
    next: null,
    refreshToken: "rt-0",
    refuse: false,
    grants: 0,
    close() {
      rmSync(dir, { recursive: true, force: true });
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return issuer;
}

/** An `auth-provider: oidc` kubeconfig user, as `kubectl oidc-login`/`kubectl config` write one. */
export function oidcUser(issuer: OidcIssuer, idToken: string): object {
  return {
    "auth-provider": {
      name: "oidc",
      config: {
        "client-id": OIDC_CLIENT_ID,
        "idp-issuer-url": issuer.url,
        "idp-certificate-authority-data": Buffer.from(issuer.caPem).toString("base64"),
        "id-token": idToken,
        "refresh-token": issuer.refreshToken,
      },
    },
  };
}
