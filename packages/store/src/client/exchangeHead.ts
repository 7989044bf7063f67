import type { HttpExchangeDetail } from "@ferry/http-log";

/** The head of each side of an exchange, as the .http file holds it (bodies follow, as is). */
export interface ExchangeHead {
  /** `GET /orders?id=7 HTTP/1.1` */
  requestLine: string;
  requestHeaders: string[];
  /** `HTTP/1.1 200 OK`, or `HTTP/1.1 (no response)`. */
  statusLine: string;
  responseHeaders: string[];
}

type Head = Pick<
  HttpExchangeDetail,
  "method" | "url" | "httpVersion" | "status" | "statusText" | "requestHeaders" | "responseHeaders"
>;

/** The request and status lines and the headers (`name: value`) of one logged exchange. */
export function exchangeHead(d: Head): ExchangeHead {
  const version = d.httpVersion.startsWith("HTTP/") ? d.httpVersion : `HTTP/${d.httpVersion}`;
  const headers = (list: readonly [string, string][]) => list.map(([k, v]) => `${k}: ${v}`);
  return {
    requestLine: `${d.method} ${d.url} ${version}`,
    requestHeaders: headers(d.requestHeaders),
    statusLine: `${version} ${d.status ?? "(no response)"} ${d.statusText ?? ""}`.trimEnd(),
    responseHeaders: headers(d.responseHeaders),
  };
}
