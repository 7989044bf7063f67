import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { CHALLENGE_PREFIX } from "../client/verifyDaemon.ts";

/**
 * Proves to a client that this daemon holds daemon.json's token without revealing it:
 * HMAC-SHA256 keyed by the token over a nonce the client chose (see client/verifyDaemon.ts).
 */
export function answerChallenge(req: IncomingMessage, res: ServerResponse, token: string): void {
  const nonce = new URL(req.url ?? "/", "http://x").searchParams.get("nonce") ?? "";
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(nonce)) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "nonce: 16-128 base64url characters" }));
    return;
  }
  const proof = createHmac("sha256", token)
    .update(`${CHALLENGE_PREFIX}${nonce}`)
    .digest("base64url");
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ proof }));
}
