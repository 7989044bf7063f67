/** Live settings of one forward's HTTP log (kftray's http_logs_* fields plus Ferry's own). */
export interface HttpLogSettings {
  /** Bytes; kftray's http_logs_max_file_size (default 10 MiB); must be > 0. */
  maxFileSize: number;
  /** Rotated files kept: file.1 … file.N (default 5). */
  maxFiles: number;
  /** kftray's http_logs_retention_days (default 7); must be > 0. */
  retentionDays: number;
  /** kftray's http_logs_auto_cleanup: delete this forward's files older than retentionDays. */
  autoCleanup: boolean;
  /** Bytes of each body kept (default 65536); the rest is only counted. */
  bodyCap: number;
  /** Default true. */
  redact: boolean;
  /** Exact header names and globs (`*`), matched case-insensitively ignoring `-`, `_` and `.`. */
  redactHeaders: string[];
}

/** What events and the JSON API carry; never unredacted secrets. */
export interface HttpExchangeSummary {
  traceId: string;
  configId: number;
  requestAt: number;
  responseAt: number | null;
  durationMs: number | null;
  method: string;
  url: string;
  status: number | null;
  /** Body bytes as transferred (after de-chunking, before decoding), counted past the cap. */
  requestBytes: number;
  responseBytes: number;
  /** e.g. "websocket upgrade", "not HTTP/1 (TLS)", "parse error: …" */
  note?: string;
}

export interface HttpExchangeDetail extends HttpExchangeSummary {
  /** Redacted as written. */
  requestHeaders: [string, string][];
  responseHeaders: [string, string][];
  /** As displayed in the file (decoded, pretty, capped, or a size comment). */
  requestBody: string;
  responseBody: string;
  httpVersion: string;
  statusText: string | null;
}

/** Called synchronously from the splice; copies what it keeps, never throws. */
export interface ConnectionTap {
  /** Bytes client -> pod. */
  fromClient(chunk: Uint8Array): void;
  /** Bytes pod -> client. */
  fromServer(chunk: Uint8Array): void;
  /** The connection closed. */
  end(): void;
}

/** One per running forward. */
export interface HttpLogger {
  /** One per accepted local connection. */
  tap(meta: { remotePort: number }): ConnectionTap;
  /** Live, no restart. */
  update(settings: HttpLogSettings): void;
  /** Flushes what is queued. */
  close(): Promise<void>;
}

export interface HttpLogProblem {
  code: string;
  message: string;
}

export interface HttpLoggerOptions {
  ferryHome: string;
  configId: number;
  localPort: number;
  settings: HttpLogSettings;
  /** After the entry's batch is written (or its write failed): a read of the file then finds it. */
  onExchange?: (s: HttpExchangeSummary) => void;
  /** Disk full, dir removed, parse stop… (the forward keeps running). */
  onProblem?: (p: HttpLogProblem) => void;
}

/** One request block of a REST Client file, as the extension would send it. */
export interface RestClientRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
  /** 1-based line of the request line in the file. */
  line: number;
}
