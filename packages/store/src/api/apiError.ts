import { FerryError as CoreFerryError } from "@ferry/core";
import { isGitSyncError } from "@ferry/git-sync";
import { isHttpLogError } from "@ferry/http-log";
import { FerryError } from "../schema/ferryError.ts";

/**
 * A daemon-side refusal that is not the store's: a stable `code` and a message a person can act
 * on. It extends core's coded-error base, as core's own errors do.
 */
export class ApiError extends CoreFerryError<ApiErrorCode> {}

export type ApiErrorCode =
  /** A selector named nothing to start or stop. */
  | "NOTHING_SELECTED"
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
  | "BODY_TOO_LARGE"
  /** A push of a sync source that never synced (nothing to push onto). */
  | "SYNC_NOT_SYNCED"
  /** HTTP logs asked of a UDP forward. */
  | "HTTP_LOG_UNSUPPORTED"
  /** No HTTP exchange with that trace id in the forward's log. */
  | "TRACE_NOT_FOUND"
  /** A replay needs the forward running (it goes through its local port). */
  | "FORWARD_NOT_RUNNING";

/**
 * The code, message and issues of Ferry's own errors: core's base (ApiError, core's engine and
 * kube errors) and the store's FerryError (browser-safe, so it cannot extend core's). Anything
 * else (a Node system error, a bug) is not a refusal and gets null. git-sync's GitSyncError too.
 */
export function codedError(
  err: unknown,
): { code: string; message: string; issues?: unknown } | null {
  if (err instanceof FerryError)
    return { code: err.code, message: err.message, issues: err.issues };
  if (err instanceof CoreFerryError) return { code: err.code, message: err.message };
  // git sync's refusals (GIT_SSH_UNSUPPORTED, GIT_AUTH_FAILED...): never carry a token.
  if (isGitSyncError(err)) return { code: err.code, message: err.message };
  // HTTP log refusals (HTTP_LOG_INVALID_SETTING...).
  if (isHttpLogError(err)) return { code: err.code, message: err.message };
  return null;
}
