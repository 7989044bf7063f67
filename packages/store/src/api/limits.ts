/** The largest request body (HTTP) or message (WebSocket) the daemon accepts: 64 MiB. */
export const BODY_LIMIT = 64 * 1024 * 1024;

export const BODY_TOO_LARGE_MESSAGE =
  "the request is larger than ferryd accepts (64 MiB); import a larger file by its path instead (configs.import { path }, which ferryd reads itself)";
