import { createHash } from "node:crypto";
import { relayBundleSource } from "@ferry/relay-server/bundle";

let digest: string | null = null;

/** `sha256:<hex>` of the relay bundle the engine deploys, or undefined when it is not built. */
export function relayBundleDigest(): string | undefined {
  if (digest === null) {
    try {
      digest = `sha256:${createHash("sha256").update(relayBundleSource()).digest("hex")}`;
    } catch {
      return undefined; // not built (yet): the engine says so when a relay forward starts
    }
  }
  return digest;
}
