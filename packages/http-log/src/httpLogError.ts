export type HttpLogErrorCode =
  | "HTTP_LOG_INVALID_SETTING"
  | "HTTP_LOG_WRITE_FAILED"
  | "HTTP_LOG_DIR_MISSING"
  | "HTTP_LOG_CLEANUP_FAILED"
  | "HTTP_LOG_READ_FAILED"
  | "HTTP_LOG_TAP_FAILED"
  | "HTTP_LOG_PARSE_STOPPED"
  | "HTTP_LOG_RENDER_FAILED"
  | "HTTP_LOG_QUEUE_FULL"
  | "HTTP_LOG_REPLAY_INCOMPLETE"
  | "HTTP_LOG_REPLAY_FAILED";

/** Every refusal of this package: a stable `code` and a message a person can act on. */
export class HttpLogError extends Error {
  readonly code: HttpLogErrorCode;

  constructor(code: HttpLogErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HttpLogError";
    this.code = code;
  }
}

export function isHttpLogError(err: unknown): err is HttpLogError {
  return err instanceof HttpLogError;
}
