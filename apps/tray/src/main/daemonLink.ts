import type { FerryClient } from "@ferry/store/client";
import { connectDaemon as findOrStart } from "@ferry/store/node";
import type { DaemonConnection } from "../shared/daemonConnection.ts";

/**
 * Finds the running daemon or starts it, through the same package as the CLI
 * (`@ferry/store/node`: reads `FERRY_HOME/daemon.json`, probes it, spawns a detached `ferryd`
 * when absent), so a packaged tray and an installed CLI share one daemon. It spawns
 * `process.execPath`, which in Electron is Electron itself: ELECTRON_RUN_AS_NODE makes that child
 * a plain Node (set only while spawning, so nothing else inherits it). An older daemon hands
 * over first; the connection carries what it said (`skew`) to the window.
 */
export async function connectDaemon(
  home?: string,
): Promise<{ client: FerryClient; connection: DaemonConnection }> {
  const previous = process.env.ELECTRON_RUN_AS_NODE;
  process.env.ELECTRON_RUN_AS_NODE = "1";
  try {
    const { client, daemon, handOver, newerDaemon } = await findOrStart(
      home === undefined ? {} : { home },
    );
    const skew = { ...(handOver ? { handOver } : {}), ...(newerDaemon ? { newerDaemon } : {}) };
    return {
      client,
      connection: {
        daemonUrl: daemon.url,
        token: daemon.token,
        ...(handOver || newerDaemon ? { skew } : {}),
      },
    };
  } finally {
    if (previous === undefined) delete process.env.ELECTRON_RUN_AS_NODE;
    else process.env.ELECTRON_RUN_AS_NODE = previous;
  }
}
