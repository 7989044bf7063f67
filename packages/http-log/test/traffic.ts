import type { ConnectionTap } from "../src/types.ts";

/** Feeds one request and its response through a tap as real bytes. */
export function exchange(
  tap: ConnectionTap,
  o: {
    method?: string;
    path?: string;
    headers?: string[];
    body?: string;
    status?: string;
    resHeaders?: string[];
    resBody?: string;
  } = {},
): void {
  const body = o.body ?? "";
  const reqHead = [
    `${o.method ?? "GET"} ${o.path ?? "/"} HTTP/1.1`,
    "Host: localhost:8080",
    ...(o.headers ?? []),
    ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
  ];
  tap.fromClient(Buffer.from(`${reqHead.join("\r\n")}\r\n\r\n${body}`));
  const resBody = o.resBody ?? "";
  const resHead = [
    `HTTP/1.1 ${o.status ?? "200 OK"}`,
    ...(o.resHeaders ?? []),
    `Content-Length: ${Buffer.byteLength(resBody)}`,
  ];
  tap.fromServer(Buffer.from(`${resHead.join("\r\n")}\r\n\r\n${resBody}`));
}
