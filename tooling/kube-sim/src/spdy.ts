// SPDY/3.1 port-forward (what `kubectl port-forward` speaks). Placeholder until implemented.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Cluster } from "./cluster.ts";

export function servePortForwardSpdy(
  _cluster: Cluster,
  _req: IncomingMessage,
  socket: Duplex,
  _head: Buffer,
  _ns: string,
  _name: string,
) {
  socket.end("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
}
