// The relay bundle's source text, for a pod template that runs it as `node -e <bundle>`.
import { readFileSync } from "node:fs";

/** Where `build` writes the bundle (scripts/buildBundle.ts). */
export const RELAY_BUNDLE_PATH = new URL("../dist/relay.bundle.js", import.meta.url);

export class RelayBundleError extends Error {
  readonly code = "RELAY_BUNDLE_MISSING";
  constructor(cause: unknown) {
    super(
      `the relay bundle ${RELAY_BUNDLE_PATH.pathname} is missing: build it with ` +
        "`pnpm --filter @ferry/relay-server build`",
      { cause },
    );
    this.name = "RelayBundleError";
  }
}

let cached: string | undefined;

/**
 * The bundled relay program (one self-contained script, no imports). Read once; throws
 * RelayBundleError (code RELAY_BUNDLE_MISSING) when the package has not been built.
 */
export function relayBundleSource(): string {
  if (cached === undefined) {
    try {
      cached = readFileSync(RELAY_BUNDLE_PATH, "utf8");
    } catch (err) {
      throw new RelayBundleError(err);
    }
  }
  return cached;
}
