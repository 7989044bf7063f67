// What Node resolves `@ferry/store/client` to while the apps move (package.json `exports`:
// browsers get index.ts). It adds the old Node-only exports and the old createFerryClient
// options. Delete this file and the condition once the CLI and the TUI import
// @ferry/store/node and call createFerryClient({ url, token }).

import type { DaemonFile } from "../daemon/daemonFile.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";
import { DaemonNotRunningError } from "../node/connectDaemon.ts";
import { createNodeFerryClient as createClient } from "../node/nodeClient.ts";
import { readTrustedDaemonFile } from "../node/trustedDaemonFile.ts";
import type { FerryClient, FerryClientOptions } from "./createFerryClient.ts";

/** @deprecated import these from `@ferry/store/node`. */
export * from "../node/index.ts";
export * from "./index.ts";

/** @deprecated the old options: pass `{ url, token }` (or use `connectDaemon` from `@ferry/store/node`). */
export interface LegacyFerryClientOptions {
  home?: string;
  daemon?: Pick<DaemonFile, "url" | "wsUrl" | "token">;
}

/**
 * `createFerryClient({ url, token })`; the old forms (`()`, `{ home }`, `{ daemon }`, which read
 * daemon.json) still work here, deprecated. In Node the client uses `loopbackFetch` (node:http).
 */
export function createFerryClient(
  options: FerryClientOptions | LegacyFerryClientOptions = {},
): FerryClient {
  if ("url" in options && "token" in options) return createClient(options);
  const legacy = options as LegacyFerryClientOptions;
  const daemon = legacy.daemon ?? readTrustedDaemonFile(resolveFerryHome(legacy.home));
  if (!daemon) throw new DaemonNotRunningError(resolveFerryHome(legacy.home));
  return createClient(daemon);
}
export type { ClientError } from "./clientError.ts";
