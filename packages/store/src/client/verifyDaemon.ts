import { FerryClientError } from "./clientError.ts";

/** Where the daemon answers the challenge; it needs no token (proving it is the point). */
export const CHALLENGE_PATH = "/_ferry/challenge";
/** What the daemon signs: this prefix and the nonce, so the proof is good for nothing else. */
export const CHALLENGE_PREFIX = "ferryd-challenge:";

const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function hmac(token: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(token),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(text))));
}

/**
 * Checks that the server at `url` holds `token` before anything carrying the token is sent
 * (issue 13.10): it must answer a fresh nonce with HMAC-SHA256(token, prefix + nonce). A stale
 * daemon.json whose port another program took, or a planted one, fails here and learns nothing.
 * Runs in browsers (WebCrypto) and in Node; `fetchImpl` is the client's (see FerryClientOptions).
 */
export async function verifyDaemon(
  url: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  if (!globalThis.crypto?.subtle)
    throw new FerryClientError(
      "DAEMON_NOT_VERIFIED",
      "cannot check ferryd's identity here (no WebCrypto: the page is not a secure context)",
    );
  const nonce = base64url(crypto.getRandomValues(new Uint8Array(24)));
  let proof: unknown;
  try {
    const res = await fetchImpl(`${url}${CHALLENGE_PATH}?nonce=${nonce}`);
    proof = res.ok ? ((await res.json()) as { proof?: unknown }).proof : null;
  } catch (err) {
    if (err instanceof SyntaxError) proof = null;
    else
      throw new FerryClientError(
        "DAEMON_UNREACHABLE",
        `cannot reach ferryd at ${url}: ${(err as Error).message}`,
        [],
        err,
      );
  }
  if (typeof proof !== "string" || proof !== (await hmac(token, `${CHALLENGE_PREFIX}${nonce}`)))
    throw new FerryClientError(
      "DAEMON_NOT_VERIFIED",
      `the server at ${url} is not the ferryd daemon.json describes (it could not prove it holds the token); nothing was sent to it. Remove the stale daemon.json, or run \`ferry daemon start\`.`,
    );
}
