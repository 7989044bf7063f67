import { closeFerryClient, type FerryClient } from "@ferry/store/client/core";
import {
  clientOfRunningDaemon,
  connectDaemon,
  createNodeFerryClient,
  type DaemonFile,
  findDaemon,
} from "@ferry/store/node";
import { note } from "../output.ts";
import { daemonSkewNote } from "./handOverNote.ts";

/**
 * Runs `fn` with a client of this FERRY_HOME's daemon, starting the daemon (detached) first when
 * it is not running. The CLI never opens the database or the engine itself. Errors go up as they
 * are: `runCli` maps them once (`toCliError`). A daemon of an older version hands over to this
 * ferry's first (issue 20): stderr says what came back and the gap.
 */
export async function withDaemon<T>(fn: (client: FerryClient) => Promise<T>): Promise<T> {
  const connected = await connectDaemon();
  const { client } = connected;
  note(daemonSkewNote(connected));
  try {
    return await fn(client);
  } finally {
    closeFerryClient(client);
  }
}

/** Runs `fn` with a client of the daemon if one is running; null when none is (none is started). */
export async function withRunningDaemon<T>(
  fn: (client: FerryClient, daemon: DaemonFile) => Promise<T>,
): Promise<T | null> {
  const daemon = await findDaemon();
  if (!daemon) return null;
  const client = createNodeFerryClient(daemon);
  try {
    return await fn(client, daemon);
  } finally {
    closeFerryClient(client);
  }
}

/**
 * A fresh client of the running daemon (never starting one), for `liveForwards`: it owns and
 * closes the clients it gets this way, and asks again after the daemon went away, so a watch
 * follows a daemon restarted on another port.
 */
export const runningDaemonClient = (): FerryClient => clientOfRunningDaemon().client;
