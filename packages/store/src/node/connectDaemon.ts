import {
  closeFerryClient,
  type FerryClient,
  verifyFerryClient,
} from "../client/createFerryClient.ts";
import type { DaemonFile } from "../daemon/daemonFile.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";
import { compareVersions, ferryVersion } from "../version.ts";
import {
  type EnsureDaemonOptions,
  type EnsuredDaemon,
  ensureDaemon,
  passesWithin,
} from "./ensureDaemon.ts";
import { createNodeFerryClient } from "./nodeClient.ts";
import { readTrustedDaemonFile } from "./trustedDaemonFile.ts";

export class DaemonNotRunningError extends Error {
  readonly code = "DAEMON_NOT_RUNNING";
  constructor(home: string) {
    super(`ferryd is not running for ${home} (no daemon.json); \`ferry daemon start\` starts it`);
  }
}

/** A client of the daemon daemon.json describes, without starting one (DAEMON_NOT_RUNNING). */
export function clientOfRunningDaemon(home?: string): { client: FerryClient; daemon: DaemonFile } {
  const resolved = resolveFerryHome(home);
  const daemon = readTrustedDaemonFile(resolved);
  if (!daemon) throw new DaemonNotRunningError(resolved);
  return { client: createNodeFerryClient(daemon), daemon };
}

/**
 * Finds this FERRY_HOME's daemon, starting `ferryd` detached when none runs, and returns a client
 * of it: what the CLI and the TUI do before every session. An older daemon hands over first
 * (`handOver` in the result: the apps show it).
 */
export async function connectDaemon(
  options: EnsureDaemonOptions = {},
): Promise<EnsuredDaemon & { client: FerryClient }> {
  const home = resolveFerryHome(options.home);
  const running = readTrustedDaemonFile(home);
  if (running && compareVersions(running.version ?? "0", options.version ?? ferryVersion()) === 0) {
    // The usual case, a daemon of this version: the client's own identity check is the proof that
    // it answers, and the client's calls then need no second one (`ferry status`: two round
    // trips, not three). The token still leaves only after that check passed.
    const client = createNodeFerryClient(running);
    if (await passesWithin(verifyFerryClient(client))) {
      return { daemon: running, started: false, client };
    }
    closeFerryClient(client);
  }
  const ensured = await ensureDaemon({ ...options, home });
  return { ...ensured, client: createNodeFerryClient(ensured.daemon) };
}
