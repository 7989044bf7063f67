import type { FerryClient } from "@ferry/store/client";
import { type DaemonFile, daemonAnswers, connectDaemon as findOrStart } from "@ferry/store/node";
import type { DaemonConnection } from "../shared/daemonConnection.ts";

/** Main's client of the daemon, what the window is handed, and daemon.json's entry it came from. */
export interface DaemonLink {
  client: FerryClient;
  connection: DaemonConnection;
  daemon: DaemonFile;
}

/**
 * Whether the link's daemon still answers and holds its token (the token itself is not sent, so
 * a process that took over the port learns nothing).
 */
export const linkAnswers = (link: DaemonLink): Promise<boolean> => daemonAnswers(link.daemon);

/**
 * Finds the running daemon or starts it, through the same package as the CLI
 * (`@ferry/store/node`: reads `FERRY_HOME/daemon.json`, probes it, spawns a detached `ferryd`
 * when absent), so a packaged tray and an installed CLI share one daemon. It spawns
 * `process.execPath`, which in Electron is Electron itself: ELECTRON_RUN_AS_NODE makes that child
 * a plain Node (set only while spawning, so nothing else inherits it). An older daemon hands
 * over first; the connection carries what it said (`skew`) to the window. Called again each time
 * the daemon is lost (DaemonFollower): a new one has a new port and token.
 */
export async function connectDaemon(home?: string): Promise<DaemonLink> {
  const previous = process.env.ELECTRON_RUN_AS_NODE;
  process.env.ELECTRON_RUN_AS_NODE = "1";
  try {
    const { client, daemon, handOver, newerDaemon } = await findOrStart(
      home === undefined ? {} : { home },
    );
    const skew = { ...(handOver ? { handOver } : {}), ...(newerDaemon ? { newerDaemon } : {}) };
    return {
      client,
      daemon,
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
