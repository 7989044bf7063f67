import { isFerryError } from "@ferry/store";
import { CliError } from "../../cliError.ts";

/** Turns store refusals into CLI user errors (exit 1, message printed as is). */
export function runAction<A extends unknown[]>(
  fn: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      if (isFerryError(err)) throw new CliError(err.message, { code: err.code });
      throw err;
    }
  };
}
