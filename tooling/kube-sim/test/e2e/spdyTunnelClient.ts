// A minimal SPDY-over-WebSocket port-forward client (spdy-transport as the client), to drive the
// sim's tunnel without kubectl: streams may be opened in any order and written before any reply.
// It sends small uploads only: it honours the sim's windows, which the sim never updates.
import { createRequire } from "node:module";
import type { Duplex } from "node:stream";
import WebSocket, { createWebSocketStream } from "ws";
import type { KubeSim } from "../../src/index.ts";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
const transport: any = require("spdy-transport");

/** The initial window the client's SETTINGS announce. */
export const ANNOUNCED_WINDOW = 1024;

export type SpdyTunnel = {
  ws: WebSocket;
  /** The subprotocol the server chose. */
  protocol: string;
  /** Opens a stream with Kubernetes' port-forward headers; writes may follow at once. */
  stream(type: "data" | "error", port: number, requestId: string): Duplex;
  closed: Promise<void>;
};

export function openSpdyTunnel(
  sim: KubeSim,
  ns: string,
  pod: string,
  protocols = ["SPDY/3.1+portforward.k8s.io"],
): Promise<SpdyTunnel> {
  // ws will not offer a subprotocol that is not an RFC 6455 token ("/"), as client-go's gorilla
  // does: the header is written by hand and the answer taken out before ws checks it.
  const ws = new WebSocket(
    `${sim.server.replace("https", "wss")}/api/v1/namespaces/${ns}/pods/${pod}/portforward`,
    [],
    {
      ca: sim.caPem,
      headers: {
        Authorization: `Bearer ${sim.token}`,
        "Sec-WebSocket-Protocol": protocols.join(", "),
      },
    },
  );
  let protocol = "";
  ws.on("upgrade", (res) => {
    protocol = String(res.headers["sec-websocket-protocol"] ?? "");
    delete res.headers["sec-websocket-protocol"];
  });
  const closed = new Promise<void>((r) => ws.on("close", () => r()));
  return new Promise((resolve, reject) => {
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", reject);
    ws.on("open", () => {
      // Like spdystream it never sends WINDOW_UPDATE, and its SETTINGS announce a 1 KiB window:
      // a server that honoured SPDY windows would stop after 1 KiB per stream.
      const conn = transport.connection.create(createWebSocketStream(ws), {
        protocol: "spdy",
        isServer: false,
        windowSize: ANNOUNCED_WINDOW,
      });
      conn._spdyState.framer.windowUpdateFrame = () => {};
      // The kubelet's SYN_REPLY has no headers; spdy-transport wants an HTTP status.
      const parser = conn._spdyState.parser;
      const parseKVs = parser.parseKVs.bind(parser);
      parser.parseKVs = (body: unknown, cb: (e: Error | null, h?: object) => void) =>
        parseKVs(body, (e: Error | null, h?: object) => cb(e, h && { ":status": "200", ...h }));
      conn.start(3.1);
      conn.on("error", () => {});
      resolve({
        ws,
        protocol,
        closed,
        stream: (type, port, requestId) => {
          const s = conn.request({
            method: "POST",
            path: "/",
            headers: { streamtype: type, port: String(port), requestid: requestId },
          });
          // SYN_STREAM now: spdy-transport would defer it a tick unless written to, and stream
          // ids must reach the server in increasing order.
          s.send();
          s.on("error", () => {});
          return s;
        },
      });
    });
  });
}
