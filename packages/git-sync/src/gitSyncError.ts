export type GitSyncErrorCode =
  | "GIT_URL_UNSUPPORTED"
  | "GIT_SSH_UNSUPPORTED"
  | "GIT_URL_HAS_CREDENTIALS"
  | "GIT_TLS_UNKNOWN_CA"
  | "GIT_TLS_FAILED"
  | "GIT_CA_FILE_UNREADABLE"
  | "GIT_AUTH_FAILED"
  | "GIT_UNREACHABLE"
  | "GIT_REPO_NOT_FOUND"
  | "GIT_REF_NOT_FOUND"
  | "GIT_PATH_NOT_FOUND"
  | "GIT_PATH_INVALID"
  | "GIT_FILE_NOT_TEXT"
  | "GIT_TOKEN_FILE_UNREADABLE"
  | "GIT_TOKEN_FILE_NOT_PRIVATE"
  | "GIT_PUSH_REJECTED"
  | "GIT_FAILED";

/** Every refusal of this package: a stable `code` and a message a person can act on. */
export class GitSyncError extends Error {
  readonly code: GitSyncErrorCode;

  constructor(code: GitSyncErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "GitSyncError";
    this.code = code;
  }
}

export function isGitSyncError(err: unknown): err is GitSyncError {
  return err instanceof GitSyncError;
}
