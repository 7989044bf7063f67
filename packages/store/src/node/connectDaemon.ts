import { createFerryClient, type FerryClient } from "../client/createFerryClient.ts";
import type { DaemonFile } from "../daemon/daemonFile.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";
import { type EnsureDaemonOptions, type EnsuredDaemon, ensureDaemon } from "./ensureDaemon.ts";
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
  return { client: createFerryClient(daemon), daemon };
}

/**
 * Finds this FERRY_HOME's daemon, starting `ferryd` detached when none runs, and returns a client
 * of it: what the CLI and the TUI do before every session. An older daemon hands over first
 * (`handOver` in the result: the apps show it).
 */
export async function connectDaemon(
  options: EnsureDaemonOptions = {},
): Promise<EnsuredDaemon & { client: FerryClient }> {
  const ensured = await ensureDaemon(options);
  return { ...ensured, client: createFerryClient(ensured.daemon) };
}
