import { connectDaemon as findOrStart } from "@ferry/store/node";
import type { Connected } from "../hooks/use-daemon.ts";

/**
 * Finds this FERRY_HOME's daemon or starts it, exactly as the CLI does, and returns a client of
 * it. An older daemon hands over first; what it said comes back with the client, for the status
 * line. Called again after the daemon is lost: a restarted daemon has a new port and token.
 */
export async function connectDaemon(home?: string): Promise<Connected> {
  const { client, handOver, newerDaemon } = await findOrStart(home === undefined ? {} : { home });
  return { client, ...(handOver ? { handOver } : {}), ...(newerDaemon ? { newerDaemon } : {}) };
}
