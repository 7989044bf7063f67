import type { FerryClient } from "@ferry/store/client";

// The store's `logs` router area as CONTRACT.md (C) gives it (types of @ferry/http-log). Until it
// is on main the client's type does not have it; this view goes when the router's types land.

export interface HttpExchangeSummary {
  traceId: string;
  configId: number;
  requestAt: number;
  responseAt: number | null;
  durationMs: number | null;
  method: string;
  url: string;
  status: number | null;
  requestBytes: number;
  responseBytes: number;
  note?: string;
}

export interface HttpExchangeDetail extends HttpExchangeSummary {
  requestHeaders: [string, string][];
  responseHeaders: [string, string][];
  requestBody: string;
  responseBody: string;
  httpVersion: string;
  statusText: string | null;
}

type Ref = string | number;

interface LogsRouterView {
  http: {
    query(i: {
      ref: Ref;
      since?: number;
      limit?: number;
      bodies?: boolean;
    }): Promise<HttpExchangeDetail[]>;
  };
  follow: {
    subscribe(
      i: { ref?: Ref },
      o: { onData(s: HttpExchangeSummary): void; onError(err: unknown): void },
    ): { unsubscribe(): void };
  };
  curl: { query(i: { ref: Ref; traceId: string }): Promise<{ command: string }> };
  replay: {
    mutate(i: { ref: Ref; traceId: string }): Promise<{ status: number; durationMs: number }>;
  };
  file: { query(i: { ref: Ref }): Promise<{ path: string | null }> };
}

export const logsApi = (client: FerryClient): LogsRouterView =>
  (client as unknown as { logs: LogsRouterView }).logs;
