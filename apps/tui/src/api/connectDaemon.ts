import { createFerryClient, ensureDaemon } from "@ferry/store/client";
import type { DaemonApi } from "./daemonApi.ts";
import { type FerryApiOptions, ferryDaemonApi } from "./ferryDaemonApi.ts";

export interface ConnectOptions extends FerryApiOptions {
  /** FERRY_HOME; default `$FERRY_HOME` or `~/.ferry`. */
  home?: string;
}

/**
 * Finds this FERRY_HOME's daemon or starts it, exactly as the CLI does (the store's
 * `ensureDaemon`: detached `ferryd`, wait for daemon.json), and returns a client of it.
 */
export async function connectDaemon(options: ConnectOptions = {}): Promise<DaemonApi> {
  const home = options.home === undefined ? {} : { home: options.home };
  await ensureDaemon(home);
  return ferryDaemonApi(createFerryClient(home), options);
}
