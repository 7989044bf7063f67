import {
  closeFerryClient,
  createFerryClient,
  ensureDaemon,
  type FerryClient,
  ferryErrorOf,
} from "@ferry/store/client";
import { CliError } from "../cliError.ts";

/** Refusals from the daemon become CLI user errors: message printed as is, exit code 1. */
export function cliErrorOf(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const { code, message } = ferryErrorOf(err);
  return new CliError(message, { code });
}

/**
 * Runs `fn` with a client of this FERRY_HOME's daemon, starting the daemon (detached) first when
 * it is not running. The CLI never opens the database or the engine itself.
 */
export async function withDaemon<T>(fn: (client: FerryClient) => Promise<T>): Promise<T> {
  let client: FerryClient;
  try {
    await ensureDaemon();
    client = createFerryClient();
  } catch (err) {
    throw cliErrorOf(err);
  }
  try {
    return await fn(client);
  } catch (err) {
    throw cliErrorOf(err);
  } finally {
    closeFerryClient(client);
  }
}
