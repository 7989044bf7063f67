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
