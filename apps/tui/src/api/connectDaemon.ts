import type { FerryClient } from "@ferry/store/client";
import { connectDaemon as findOrStart } from "@ferry/store/node";

/**
 * Finds this FERRY_HOME's daemon or starts it, exactly as the CLI does, and returns a client of
 * it. Called again after the daemon is lost: a restarted daemon has a new port and token.
 */
export async function connectDaemon(home?: string): Promise<FerryClient> {
  const { client } = await findOrStart(home === undefined ? {} : { home });
  return client;
}
