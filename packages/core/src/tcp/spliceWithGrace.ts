// Joins one accepted local socket to its pod stream, both ways, and ends the pair the way
// containerd's PortForward does inside the pod: once one direction is done (its end delivered),
// the other gets a short grace, then both close. Without it a half-closing client
// (`printf 'PING\r\n' | nc -N`) on a transport that cannot pass the half-close on (v4) would hold
// the local socket in CLOSE-WAIT, the WebSocket and the pod's connection until the forward stops.

import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { ConnectionTap } from "@ferry/http-log";

/** containerd (and kube-sim's kubelet) give the other direction 1 s, as socat's `-t` does. */
export const HALF_CLOSE_GRACE_MS = 1000;

export interface SpliceOptions {
  graceMs?: number;
  /** A pod-side failure that resets the local connection. */
  onError?: (err: Error) => void;
  /**
   * Sees every chunk both ways, synchronously beside the pipe (the lean path hands out views of
   * buffers reused later, so the tap copies what it keeps at once); bytes and backpressure are
   * the pipe's alone.
   */
  tap?: ConnectionTap | null;
}

export function spliceWithGrace(socket: Socket, stream: Duplex, o: SpliceOptions = {}): void {
  let timer: NodeJS.Timeout | undefined;
  let closing = false;
  let directionsDone = 0;

  const closeBoth = () => {
    if (closing) return;
    closing = true;
    clearTimeout(timer);
    stream.unpipe(socket);
    socket.unpipe(stream);
    stream.destroy();
    if (socket.destroyed) return;
    // What the pod sent is already in the socket: end it, and drop what the client still sends.
    socket.end();
    if (socket.writableFinished) socket.destroy();
    else socket.once("finish", () => socket.destroy());
  };
  const directionDone = () => {
    if (++directionsDone === 2) {
      clearTimeout(timer);
      return;
    }
    timer = setTimeout(closeBoth, o.graceMs ?? HALF_CLOSE_GRACE_MS);
    timer.unref();
  };

  stream.once("finish", directionDone); // the client's end reached the pod side
  socket.once("finish", directionDone); // the pod's end reached the client
  stream.on("error", (err) => {
    if (closing) return;
    o.onError?.(err);
    if (!socket.destroyed) socket.resetAndDestroy();
  });
  stream.once("close", () => {
    // The pod side went away without a clean end: reset this connection only.
    if (!closing && !stream.readableEnded && !socket.destroyed) socket.resetAndDestroy();
  });
  socket.once("close", () => {
    clearTimeout(timer);
    closing = true;
    stream.destroy();
  });
  const tap = o.tap;
  if (tap) {
    socket.on("data", (c: Buffer) => tap.fromClient(c));
    stream.on("data", (c: Buffer) => tap.fromServer(c));
    socket.once("close", () => tap.end());
  }
  stream.pipe(socket);
  socket.pipe(stream);
  socket.resume();
}
