// The local side of a TCP forward: a listener whose every accepted socket is piped to a stream
// the caller opens (a pod port-forward). One connection's reset or error ends only that
// connection.

import { createServer, type Server, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { ConnectionTap } from "@ferry/http-log";
import { bindError, type PortOwner } from "../ports/portInUse.ts";
import { spliceWithGrace } from "./spliceWithGrace.ts";

export interface TcpForwarderOptions {
  localAddress: string;
  /** 0 = any free port. */
  localPort: number;
  /** Opens the remote end for one accepted connection; rejecting refuses the connection. */
  openStream: (signal: AbortSignal) => Promise<Duplex>;
  /** The running Ferry forward that holds a port this forwarder could not bind, if one does. */
  portOwner?: PortOwner;
  log?: (level: "info" | "warn" | "error", message: string) => void;
  /** A tap for a connection accepted now (the forward's HTTP log), or null. */
  tap?: (meta: { remotePort: number }) => ConnectionTap | null;
  /** After each accepted connection closed: whether its stream had opened, and what it returned. */
  onClosed?: (c: { opened: boolean; bytesFromPod: number }) => void;
}

export interface TcpForwarder {
  readonly address: string;
  readonly port: number;
  connections(): number;
  /** Bytes sent towards the pod and received from it, open connections included. */
  bytes(): { out: number; in: number };
  close(): Promise<void>;
}

const CLOSED = new Error("local connection closed");

export async function startTcpForwarder(o: TcpForwarderOptions): Promise<TcpForwarder> {
  const sockets = new Set<Socket>();
  const pending = new Set<AbortController>();
  let closedOut = 0;
  let closedIn = 0;

  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const from = socket.remotePort;
    const abort = new AbortController();
    pending.add(abort);
    let stream: Duplex | null = null;
    socket.on("error", () => stream?.destroy());
    socket.once("close", () => {
      sockets.delete(socket);
      closedOut += socket.bytesRead;
      closedIn += socket.bytesWritten;
      // Only an open still under way listens; a prebuilt reason spares a DOMException (with
      // its stack) per closed connection (bench: ~6 % of the per-connection CPU).
      if (stream === null) abort.abort(CLOSED);
      pending.delete(abort);
      stream?.destroy();
      o.onClosed?.({ opened: stream !== null, bytesFromPod: socket.bytesWritten });
    });
    o.openStream(abort.signal).then(
      (s) => {
        pending.delete(abort);
        if (socket.destroyed) return void s.destroy();
        if (s.destroyed) {
          o.log?.(
            "warn",
            `connection refused: ${s.errored?.message ?? "the pod closed the stream"}`,
          );
          return void socket.resetAndDestroy();
        }
        stream = s;
        spliceWithGrace(socket, s, {
          tap: o.tap?.({ remotePort: from ?? 0 }),
          onError: (err) => o.log?.("warn", `connection from port ${from}: ${err.message}`),
        });
      },
      (err: Error) => {
        pending.delete(abort);
        if (!abort.signal.aborted) o.log?.("warn", `connection refused: ${err.message}`);
        socket.destroy();
      },
    );
  };

  const server: Server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err) =>
      bindError(err, {
        address: o.localAddress,
        port: o.localPort,
        protocol: "tcp",
        portOwner: o.portOwner,
      }).then(reject),
    );
    server.listen({ host: o.localAddress, port: o.localPort, exclusive: true }, () => resolve());
  });
  server.on("error", (err) => o.log?.("error", `listener: ${err.message}`));
  const bound = server.address();
  const port = typeof bound === "object" && bound ? bound.port : o.localPort;

  return {
    address: o.localAddress,
    port,
    connections: () => sockets.size,
    bytes: () => {
      let out = closedOut;
      let inn = closedIn;
      for (const s of sockets) {
        out += s.bytesRead;
        inn += s.bytesWritten;
      }
      return { out, in: inn };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const a of pending) a.abort();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
