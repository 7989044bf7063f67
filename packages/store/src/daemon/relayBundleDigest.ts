import { createHash } from "node:crypto";
import { relayBundleSource } from "@ferry/relay-server/bundle";

let digest: string | null | undefined;

/** `sha256:<hex>` of the relay bundle the engine deploys, or null when it is not built. */
export function relayBundleDigest(): string | null {
  if (digest === undefined) {
    try {
      digest = `sha256:${createHash("sha256").update(relayBundleSource()).digest("hex")}`;
    } catch {
      digest = null; // not built: the engine says so when a relay forward starts
    }
  }
  return digest;
}
