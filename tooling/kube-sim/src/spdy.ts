// SPDY/3.1 port-forward, what `kubectl port-forward` speaks: after a 101 upgrade the client opens,
// per port and request id, an `error` stream and a `data` stream (headers streamtype, port,
// requestid). Framing, flow control and zlib headers come from spdy-transport.
import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type net from "node:net";
import type { Duplex } from "node:stream";
import type { Cluster } from "./cluster.ts";
import { dialPodPort, refusedMessage } from "./portforward.ts";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
let transport: any;

// biome-ignore lint/suspicious/noExplicitAny: spdy-transport stream.
type SpdyStream = any;

export function servePortForwardSpdy(
  cluster: Cluster,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ns: string,
  name: string,
) {
  const offered = String(req.headers["x-stream-protocol-version"] ?? "");
  if (offered && !offered.split(",").some((p) => p.trim() === "portforward.k8s.io")) {
    socket.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    return;
  }
  socket.write(
    "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n",
  );
  if (head.length) socket.unshift(head);
  // Loaded on first use: only kubectl needs it, and it would slow every start.
  transport ??= require("spdy-transport");
  const conn = transport.connection.create(socket, { protocol: "spdy", isServer: true });
  // Kubernetes' streams carry only their own headers; spdy-transport insists on HTTP ones.
  const parser = conn._spdyState.parser;
  const parseKVs = parser.parseKVs.bind(parser);
  parser.parseKVs = (body: unknown, cb: (err: Error | null, h?: Record<string, string>) => void) =>
    parseKVs(body, (err: Error | null, h?: Record<string, string>) =>
      cb(err, h ? { ":method": "POST", ":path": "/", ...h } : h),
    );
  conn.start(3.1);
  const pods = new Set<net.Socket>();
  const untrack = cluster.trackForward(ns, name, () => socket.destroy());
  const uid = cluster.store.get("pods", ns, name)?.metadata.uid ?? "";
  const pairs = new Map<string, { error?: SpdyStream; data?: SpdyStream }>();

  const connectPair = (id: string) => {
    const pair = pairs.get(id);
    if (!pair?.error || !pair.data) return;
    pairs.delete(id);
    const { error, data } = pair;
    const port = Number(data.headers.port);
    const fail = (text: string) => {
      error.end(text);
      data.end();
    };
    const dialed = dialPodPort(cluster, ns, name, port);
    if ("error" in dialed) return fail(dialed.error);
    const pod = dialed;
    pods.add(pod);
    pod.on("close", () => pods.delete(pod));
    pod.on("error", (e: NodeJS.ErrnoException) => {
      fail(e.code === "ECONNREFUSED" ? refusedMessage(name, uid, port) : e.message);
      data.destroy?.();
    });
    pod.on("connect", () => {
      // pipe() gives backpressure both ways: SPDY flow-control windows stall a slow side.
      data.pipe(pod);
      pod.pipe(data);
    });
    data.on("error", () => pod.destroy());
  };

  conn.on("stream", (stream: SpdyStream) => {
    const h = stream.headers as Record<string, string>;
    stream.respond(200, {});
    stream.on("error", () => {});
    const id = h.requestid ?? h.port ?? "0";
    const type = h.streamtype;
    if (type !== "error" && type !== "data") {
      stream.end();
      return;
    }
    const pair = pairs.get(id) ?? {};
    pair[type] = stream;
    pairs.set(id, pair);
    if (type === "error") stream.resume();
    connectPair(id);
  });
  conn.on("error", () => socket.destroy());
  socket.on("error", () => {});
  socket.on("close", () => {
    untrack();
    for (const p of pods) p.destroy();
  });
}
