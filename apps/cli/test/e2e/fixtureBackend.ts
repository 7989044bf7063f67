import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { WebSocketServer } from "ws";

/** One request as the pod saw it (bodies over RECORD_CAP are cut; `bodyBytes` is the full count). */
export interface Recorded {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  bodyBytes: number;
  sha256: string;
}

const RECORD_CAP = 1 << 20;

export interface FixtureBackend {
  port: number;
  /** Every request served, in order (WebSocket upgrades too, with an empty body). */
  requests: Recorded[];
  /** The requests to `path` (no query) so far. */
  seen(method: string, path: string): Recorded[];
  close(): Promise<void>;
}

/** n bytes of a position-dependent pattern: a download the client can check by sha256. */
export function patternBytes(n: number, offset = 0): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = ((offset + i) * 31 + ((offset + i) >> 8)) & 0xff;
  return b;
}

/** sha256 of patternBytes(n), computed in 1 MiB slices. */
export function patternSha256(n: number): string {
  const h = createHash("sha256");
  for (let at = 0; at < n; at += 1 << 20) h.update(patternBytes(Math.min(1 << 20, n - at), at));
  return h.digest("hex");
}

const ETAG = '"fixture-v1"';

/**
 * The HTTP server behind the fixture pod (kube-sim serves it through a `{ forward }` backend):
 * - `GET /hello` JSON; `HEAD /hello` the same headers, no body
 * - `POST /echo` echoes the request body (any framing: Content-Length or chunked) as chunked
 * - `GET /gzip` a gzip-encoded JSON body
 * - `GET /etag` 200 with an ETag; 304 when If-None-Match matches
 * - `GET /download?bytes=N` N pattern bytes (see patternSha256)
 * - `POST /upload` `{ bytes, sha256 }` of the body; `Expect: 100-continue` is answered by Node
 * - `GET /ws` a WebSocket upgrade that echoes each message
 * Anything else: 404 JSON. Every request is recorded (replay tests count them).
 */
export async function startFixtureBackend(): Promise<FixtureBackend> {
  const requests: Recorded[] = [];
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    const hash = createHash("sha256");
    req.on("data", (c: Buffer) => {
      bytes += c.length;
      hash.update(c);
      if (kept < RECORD_CAP) {
        chunks.push(c.subarray(0, RECORD_CAP - kept));
        kept += Math.min(c.length, RECORD_CAP - kept);
      }
    });
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? "/", "http://fixture");
      const sha256 = hash.digest("hex");
      requests.push({
        method: req.method ?? "",
        path: url.pathname,
        headers: req.headers,
        body: body.toString("utf8"),
        bodyBytes: bytes,
        sha256,
      });
      route(req.method ?? "", url, req, res, { body, bytes, sha256 });
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://fixture");
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      headers: req.headers,
      body: "",
      bodyBytes: 0,
      sha256: "",
    });
    if (url.pathname !== "/ws") {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on("message", (data, binary) => ws.send(data, { binary }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    seen: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

function route(
  method: string,
  url: URL,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  got: { body: Buffer; bytes: number; sha256: string },
): void {
  const path = url.pathname;
  if (path === "/hello" && (method === "GET" || method === "HEAD")) {
    json(res, 200, { hello: "fixture", method });
    return;
  }
  if (path === "/echo" && method === "POST") {
    res.writeHead(200, {
      "content-type": req.headers["content-type"] ?? "application/octet-stream",
    });
    // Two writes without a length: Node sends it chunked.
    res.write(got.body.subarray(0, got.body.length >> 1));
    res.end(got.body.subarray(got.body.length >> 1));
    return;
  }
  if (path === "/gzip" && method === "GET") {
    const zipped = gzipSync(JSON.stringify({ compressed: true, words: "gzip ".repeat(50) }));
    res.writeHead(200, {
      "content-type": "application/json",
      "content-encoding": "gzip",
      "content-length": zipped.length,
    });
    res.end(zipped);
    return;
  }
  if (path === "/etag" && method === "GET") {
    if (req.headers["if-none-match"] === ETAG) {
      res.writeHead(304, { etag: ETAG });
      res.end();
      return;
    }
    res.setHeader("etag", ETAG);
    json(res, 200, { version: 1 });
    return;
  }
  if (path === "/download" && method === "GET") {
    const n = Number(url.searchParams.get("bytes") ?? "0");
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": n });
    let at = 0;
    const pump = (): void => {
      while (at < n) {
        const slice = patternBytes(Math.min(1 << 20, n - at), at);
        at += slice.length;
        if (!res.write(slice)) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return;
  }
  if (path === "/upload" && method === "POST") {
    json(res, 200, { bytes: got.bytes, sha256: got.sha256 });
    return;
  }
  json(res, 404, { error: `no route ${method} ${path}` });
}
