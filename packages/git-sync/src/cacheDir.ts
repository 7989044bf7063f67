import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** `$FERRY_HOME/git/<source id>`, the cache the store hands to fetchSource and pushSource. */
export function sourceCacheDir(ferryHome: string, sourceId: string): string {
  return join(ferryHome, "git", encodeURIComponent(sourceId));
}

/** Creates the cache (and `git/` above it) private to the user, whatever the umask. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}
