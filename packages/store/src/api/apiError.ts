/**
 * A daemon-side refusal that is not the store's: a stable `code` and a message a person can act on.
 * The store's FerryError has the same shape; the API reports both the same way.
 */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}

export type ApiErrorCode =
  /** A selector named nothing to start or stop. */
  | "NOTHING_SELECTED"
  /** Another running forward already holds this local address and port. */
  | "PORT_IN_USE"
  /** The forwarding engine could not be loaded or refused the request. */
  | "ENGINE_UNAVAILABLE"
  /** The kube API could not answer a form query (unknown context, unreachable cluster...). */
  | "KUBE_ERROR"
  /** The daemon is shutting down and takes no new work. */
  | "SHUTTING_DOWN"
  /** An import names a file the daemon cannot read. */
  | "FILE_NOT_READABLE"
  /** An import file is larger than the daemon reads. */
  | "FILE_TOO_LARGE"
  /** A request body is larger than the daemon accepts (64 MiB). */
  | "BODY_TOO_LARGE";

/** Anything carrying a stable `code` and a `message`: FerryError, ApiError, core's errors. */
export function codedError(
  err: unknown,
): { code: string; message: string; issues?: unknown } | null {
  if (!(err instanceof Error)) return null;
  const { code, syscall, issues } = err as { code?: unknown; syscall?: unknown; issues?: unknown };
  // Node system errors (ECONNREFUSED...) carry codes too, with a syscall; they are not ours.
  if (typeof code !== "string" || syscall !== undefined || !/^[A-Z][A-Z0-9_]+$/.test(code))
    return null;
  return { code, message: err.message, issues };
}
