import { ensureDaemon } from "@ferry/store/client";
import type { DaemonConnection } from "../shared/daemonView.ts";

/**
 * Finds the running daemon or starts it, exactly as the CLI does: the store's `ensureDaemon`
 * reads `FERRY_HOME/daemon.json`, probes it, and spawns a detached `ferryd` when it is absent.
 * It spawns `process.execPath`, which in Electron is Electron itself: ELECTRON_RUN_AS_NODE makes
 * that child a plain Node (set only while spawning, so nothing else inherits it).
 */
export async function connectDaemon(home?: string): Promise<DaemonConnection> {
  const previous = process.env.ELECTRON_RUN_AS_NODE;
  process.env.ELECTRON_RUN_AS_NODE = "1";
  try {
    const { daemon } = await ensureDaemon(home === undefined ? {} : { home });
    return { daemonUrl: daemon.url, token: daemon.token };
  } finally {
    if (previous === undefined) delete process.env.ELECTRON_RUN_AS_NODE;
    else process.env.ELECTRON_RUN_AS_NODE = previous;
  }
}
