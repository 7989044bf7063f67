import { ferryErrorOf } from "@ferry/store/client/core";

export const EXIT = { ok: 0, user: 1, usage: 2 } as const;

/** An error the CLI prints as is (no stack) before exiting with `exitCode`. */
export class CliError extends Error {
  readonly exitCode: number;
  readonly code: string;
  constructor(message: string, options: { code?: string; exitCode?: number } = {}) {
    super(message);
    this.code = options.code ?? "USER_ERROR";
    this.exitCode = options.exitCode ?? EXIT.user;
  }
}

/**
 * The one error path: a CliError as it is; anything a Ferry client call or the daemon starter
 * threw, through the client's own mapping (`ferryErrorOf`: the daemon's code and message). An
 * error with no code is a bug, and is rethrown with its stack.
 */
export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const ferry = ferryErrorOf(err);
  if (ferry.code === "ERROR") throw err;
  return new CliError(ferry.message, { code: ferry.code });
}
