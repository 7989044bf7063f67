import { ensureDaemon } from "@ferry/store/client";
import type { DaemonConnection } from "../shared/daemonView.ts";

/**
 * Finds the running daemon or starts it, exactly as the CLI does: the store's `ensureDaemon`
 * reads `FERRY_HOME/daemon.json`, probes it, and spawns a detached `ferryd` when it is absent.
 */
export async function connectDaemon(home?: string): Promise<DaemonConnection> {
  const info = await ensureDaemon(home === undefined ? {} : { home });
  return { daemonUrl: info.url, token: info.token };
}
