// SPDY/3.1 port-forward, what `kubectl port-forward` speaks: after a 101 upgrade the client opens,
// per port and request id, an `error` stream and a `data` stream (headers streamtype, port,
// requestid). Framing and zlib headers come from spdy-transport; flow control is the kubelet's
// (none on the wire, see spdyFlow.ts).
import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type net from "node:net";
import type { Duplex } from "node:stream";
import type { Cluster } from "./cluster.ts";
import { coalesceEveryWrite, writeCoalescer } from "./coalescedWrites.ts";
import { dialPodPort, refusedMessage } from "./portforward.ts";
import { leanDataFrames } from "./spdyDataFrame.ts";
import { kubeletFlow } from "./spdyFlow.ts";

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
let transport: any;

// biome-ignore lint/suspicious/noExplicitAny: spdy-transport stream.
type SpdyStream = any;

/** How long containerd's port-forward waits for the second direction after the first ends. */
const GRACE_MS = 1000;

/**
 * A plain SPDY upgrade (`Upgrade: SPDY/3.1`): the 101 answer, then the SPDY server on the socket.
 * False when refused (no `portforward.k8s.io` among the offered stream protocols).
 */
export function servePortForwardSpdy(
  cluster: Cluster,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ns: string,
  name: string,
): boolean {
  const offered = String(req.headers["x-stream-protocol-version"] ?? "");
  if (offered && !offered.split(",").some((p) => p.trim() === "portforward.k8s.io")) {
    socket.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
    return false;
  }
  socket.write(
    "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n",
  );
  if (head.length) socket.unshift(head);
  // A DATA frame is its header and its payload (spdyDataFrame.ts): one writev for both.
  coalesceEveryWrite(socket);
  serveSpdyPortForward(cluster, socket, ns, name);
  return true;
}

/** The kubelet's SPDY port-forward server on any byte stream (a TLS socket, a WebSocket tunnel). */
export function serveSpdyPortForward(cluster: Cluster, socket: Duplex, ns: string, name: string) {
  // Loaded on first use: only kubectl needs it, and it would slow every start.
  transport ??= require("spdy-transport");
  // maxChunk false: one DATA frame per write, as spdystream sends, not 8 KiB pieces.
  const conn = transport.connection.create(socket, {
    protocol: "spdy",
    isServer: true,
    maxChunk: false,
  });
  const flow = kubeletFlow(conn, socket);
  // The kubelet (spdystream) replies to each stream with no headers at all, not an HTTP status.
  const framer = conn._spdyState.framer;
  leanDataFrames(framer);
  framer.responseFrame = (frame: { id: number }, callback?: (err?: Error) => void) =>
    framer.headersToDict({}, null, (err: Error | null, chunks: Buffer[]) => {
      if (err) return callback?.(err);
      framer._frame(
        { type: "SYN_REPLY", id: frame.id, flags: 0 },
        (buf: SpdyStream) => {
          buf.reserve(4);
          buf.writeUInt32BE(frame.id & 0x7fffffff);
          for (const c of chunks) buf.copyFrom(c);
        },
        callback,
      );
    });
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
    const dialed = dialPodPort(cluster, ns, name, port);
    if ("error" in dialed) {
      error.end(dialed.error);
      data.end();
      return;
    }
    const pod = dialed;
    pods.add(pod);
    // The kubelet closes both streams when containerd's PortForward returns: when one direction is
    // done and the other has had GRACE_MS more (or failed). kubectl waits for the error stream's end.
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (text?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      error.end(text);
      data.end();
      pod.destroy();
      // A gone pod must not leave the connection paused on this stream's full buffer.
      data.unpipe(pod);
      data.resume();
    };
    let directionsDone = 0;
    const directionDone = () => {
      if (finished) return;
      if (++directionsDone === 2) finish();
      else timer = setTimeout(finish, GRACE_MS);
    };
    data.on("finish", directionDone); // pod → client handed to SPDY
    pod.on("finish", directionDone); // client → pod written
    pod.on("close", () => {
      pods.delete(pod);
      finish();
    });
    pod.on("error", (e: NodeJS.ErrnoException) => {
      finish(e.code === "ECONNREFUSED" ? refusedMessage(name, uid, port) : e.message);
      data.destroy?.();
    });
    // Until the pod answers, DATA the client pipelined waits in the stream's read buffer.
    pod.on("connect", () => {
      // pipe() gives backpressure both ways, through kubeletFlow rather than SPDY windows.
      flow.throttleReads(data);
      // Registered before pipe()'s own listener: the pod socket is corked before it is written.
      data.on("data", writeCoalescer(pod));
      data.pipe(pod);
      pod.pipe(data);
    });
    data.on("error", () => pod.destroy());
  };

  conn.on("stream", (stream: SpdyStream) => {
    flow.adopt(stream);
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
