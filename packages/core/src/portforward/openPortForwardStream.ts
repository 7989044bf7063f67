// One v4.channel.k8s.io port-forward stream as a Node Duplex. Written on `ws` instead of
// client-node's PortForward, which ignores backpressure, writes error-channel text into the data
// stream, connects only on the first client write and can leak the port prefix.

import { Duplex } from "node:stream";
import type { KubeConfig } from "@kubernetes/client-node";
import WebSocket from "ws";
import { FerryForwardError, PodPortRefusedError } from "../errors.ts";
import { type DialOptions, dialPortForward, type PodTarget } from "./dialPortForward.ts";
import { keepAlive } from "./keepAlive.ts";
import { abnormalClose, stripPortPrefix, V4_DATA, V4_ERROR } from "./v4Channels.ts";
import { closeGracefully, sendBounded } from "./wsFlow.ts";

export const PORT_FORWARD_PROTOCOL = "v4.channel.k8s.io";
const DATA = V4_DATA;
const ERROR = V4_ERROR;

export interface PortForwardOptions extends DialOptions {
  /** Ping interval; a ping not answered by the next one ends the stream. 0 disables. */
  pingMs?: number;
}

export class PortForwardStream extends Duplex {
  /** True once the pod side closed the WebSocket (data may still be buffered for reading). */
  remoteClosed = false;
  readonly #ws: WebSocket;
  /** Port-prefix bytes still to strip per channel. */
  #prefix = [2, 2];
  #errorText = "";
  #stopPing: () => void;
  #paused = false;

  constructor(ws: WebSocket, pingMs: number) {
    // 256 KiB of pod data may wait for the local socket before the WebSocket is paused: fewer
    // pause/resume turns per 64 KiB frame, still bounded per connection.
    super({ allowHalfOpen: true, readableHighWaterMark: 256 * 1024 });
    this.#ws = ws;
    // The error channel can speak before the caller has the stream (same TCP read as the
    // upgrade): keep that from being an unhandled 'error'; callers read `errored`.
    this.on("error", () => {});
    ws.on("message", (data: Buffer, isBinary: boolean) => this.#onFrame(data, isBinary));
    ws.on("close", (code, reason) => this.#onClose(code, reason.toString()));
    ws.on("error", (err) => this.destroy(err));
    this.#stopPing = keepAlive(ws, pingMs, () =>
      this.destroy(new Error("port-forward WebSocket stopped answering pings")),
    );
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
    if (!isBinary || data.length === 0) return;
    const channel = data[0] as number;
    let payload = data.subarray(1);
    payload = stripPortPrefix(this.#prefix, channel, payload);
    if (payload.length === 0) return;
    if (channel === DATA) {
      if (!this.push(payload) && !this.#paused) {
        this.#paused = true;
        this.#ws.pause();
      }
    } else if (channel === ERROR) {
      this.#errorText += payload.toString("utf8");
      // The kubelet sends the whole message in one frame, then closes.
      this.destroy(new PodPortRefusedError(this.#errorText.trim()));
    }
  }

  #onClose(code: number, reason: string): void {
    this.#stopPing();
    this.remoteClosed = true;
    if (this.#errorText || this.destroyed) return;
    const reset = abnormalClose(code, reason);
    if (reset) {
      this.destroy(reset);
      return;
    }
    this.push(null);
  }

  override _read(): void {
    if (this.#paused) {
      this.#paused = false;
      this.#ws.resume();
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.#ws.readyState !== WebSocket.OPEN) {
      // v4 has no half-close: after the pod side ended, what the client still sends is dropped,
      // as a closed TCP peer would; the local socket is ended by then.
      cb();
      return;
    }
    const frame = Buffer.allocUnsafe(chunk.length + 1);
    frame[0] = DATA;
    chunk.copy(frame, 1);
    sendBounded(this.#ws, frame, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    // v4 cannot pass a half-close on. The local listener (spliceWithGrace) closes the stream after
    // a grace once the client ended, so neither the pod nor the local socket waits for ever.
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.#stopPing();
    closeGracefully(this.#ws);
    cb(err);
  }
}

/**
 * Opens the WebSocket at once (server-first protocols such as MySQL or SMTP get their greeting)
 * and resolves with the Duplex when the upgrade succeeded. A refused upgrade rejects with the
 * API's Status message; an error-channel message destroys the stream with that message.
 */
export async function openPortForwardStream(
  kc: KubeConfig,
  pod: PodTarget,
  port: number,
  options: PortForwardOptions = {},
): Promise<PortForwardStream> {
  return dialPortForward(kc, pod, [port], [PORT_FORWARD_PROTOCOL], options, (ws, protocol) => {
    if (protocol !== PORT_FORWARD_PROTOCOL)
      throw new FerryForwardError(
        "PORT_FORWARD_FAILED",
        `port-forward to ${pod.namespace}/${pod.name}:${port}: server chose protocol "${protocol}", not ${PORT_FORWARD_PROTOCOL}`,
      );
    return new PortForwardStream(ws, options.pingMs ?? 30_000);
  });
}
