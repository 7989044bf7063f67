import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import { gzipSync } from "node:zlib";
import { WebSocketServer } from "ws";

export const MiB = 1024 * 1024;
/** 50 MiB of text, sent in 1 MiB slices. */
export const BIG_SIZE = 50 * MiB;
const slice = Buffer.from(
  "0123456789abcdefghijklmnopqrstuvwxyz-ferry-http-log-big-body-line\n"
    .repeat(MiB / 64)
    .slice(0, MiB),
);
export const BIG_SHA256 = (() => {
  const h = createHash("sha256");
  for (let i = 0; i < BIG_SIZE / MiB; i++) h.update(slice);
  return h.digest("hex");
})();

/** The pod: a node:http server with the routes the tests use, plus a websocket echo. */
export async function startUpstream(): Promise<{
  port: number;
  hits: string[];
  close: () => Promise<void>;
}> {
  const hits: string[] = [];
  const server: Server = createServer(async (req, res) => {
    hits.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? "/", "http://x");
    const hash = createHash("sha256");
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const c of req) {
      hash.update(c);
      size += c.length;
      if (size <= MiB) chunks.push(c);
    }
    const body = Buffer.concat(chunks);
    switch (url.pathname) {
      case "/hello":
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ hello: "world", query: url.search }));
        return;
      case "/echo":
        res.setHeader("Content-Type", req.headers["content-type"] ?? "application/octet-stream");
        res.end(body);
        return;
      case "/upload":
        res.setHeader("Content-Type", "application/json");
        res.end(JSON.stringify({ size, sha256: hash.digest("hex") }));
        return;
      case "/gzip":
        res.setHeader("Content-Type", "application/json");
        res.setHeader("Content-Encoding", "gzip");
        res.end(gzipSync(JSON.stringify({ compressed: true, items: [1, 2, 3] })));
        return;
      case "/etag":
        res.setHeader("ETag", '"v1"');
        if (req.headers["if-none-match"] === '"v1"') {
          res.statusCode = 304;
          res.end();
        } else res.end("fresh");
        return;
      case "/big": {
        res.setHeader("Content-Type", "text/plain");
        res.setHeader("Content-Length", BIG_SIZE);
        if (req.method === "HEAD") return void res.end();
        let sent = 0;
        const pump = () => {
          while (sent < BIG_SIZE) {
            sent += MiB;
            if (!res.write(slice)) return void res.once("drain", pump);
          }
          res.end();
        };
        pump();
        return;
      }
      default:
        res.statusCode = 404;
        res.end("no such route");
    }
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (ws) => ws.on("message", (m, binary) => ws.send(m, { binary })));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A raw TCP server that answers each connection with `reply(firstChunk)` and then closes. */
export async function startRawUpstream(
  reply: (first: Buffer) => Buffer | string,
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createTcpServer((s) => {
    s.once("data", (first) => s.end(reply(first)));
    s.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
