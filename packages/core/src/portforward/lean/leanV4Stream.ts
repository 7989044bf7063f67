// One v4.channel.k8s.io port-forward stream (a WebSocket per connection) in one pass: frames are
// parsed in place from the TLS socket's chunks and the data channel's payloads reach the local
// socket as views; a write is the WebSocket header and the channel byte in one small buffer
// beside the caller's chunk (the `ws` path copied every chunk into a new frame buffer).

import type { Socket } from "node:net";
import { Duplex } from "node:stream";
import type { KubeConfig } from "@kubernetes/client-node";
import { FerryForwardError, PodPortRefusedError } from "../../errors.ts";
import type { DialOptions, PodTarget } from "../dialPortForward.ts";
import { abnormalClose, stripPortPrefix, V4_DATA, V4_ERROR } from "../v4Channels.ts";
import { Liveness, type LivenessOptions } from "./liveness.ts";
import { rawUpgrade } from "./rawUpgrade.ts";
import { OP_CLOSE, OP_PING, OP_PONG, WsFrameReader } from "./wsFrameReader.ts";
import { WsWriter } from "./wsWriter.ts";

const PROTOCOL = "v4.channel.k8s.io";
const DATA = V4_DATA;
const ERROR = V4_ERROR;
/** Above this many bytes queued in the socket, writes wait for it to drain. */
const WRITE_HIGH_WATER = 1 << 20;

function writeDataChannel(into: Buffer, at: number): void {
  into[at] = DATA;
}

export class LeanV4Stream extends Duplex {
  /** True once the pod side closed the WebSocket (data may still be buffered for reading). */
  remoteClosed = false;
  readonly #socket: Socket;
  readonly #out: WsWriter;
  readonly #in: WsFrameReader;
  /** The current message's channel; -1 before its first byte. */
  #channel = -1;
  /** Port-prefix bytes still to strip per channel. */
  readonly #prefix = [2, 2];
  #errorText = "";
  #paused = false;
  readonly #liveness: Liveness;

  constructor(socket: Socket, head: Buffer, secure: boolean, liveness: LivenessOptions) {
    super({ allowHalfOpen: true, readableHighWaterMark: 256 * 1024 });
    this.#socket = socket;
    this.#out = new WsWriter(socket, secure);
    // The error channel can speak before the caller has the stream; callers read `errored`.
    this.on("error", () => {});
    this.#in = new WsFrameReader({
      messageStart: () => {
        this.#channel = -1;
      },
      payload: (view) => this.#onPayload(view),
      control: (op, payload) => this.#onControl(op, payload),
      fail: (why) => this.destroy(new Error(`connection to the pod was reset (${why})`)),
    });
    this.#liveness = new Liveness(liveness, {
      ping: () => this.#out.frame(OP_PING, Buffer.alloc(0)),
      paused: () => this.#paused,
      dead: (why) => this.destroy(new Error(`port-forward WebSocket stopped answering (${why})`)),
    });
    socket.on("data", (chunk: Buffer) => {
      this.#liveness.received();
      this.#in.push(chunk);
    });
    socket.on("drain", () => this.emit("socketDrain"));
    socket.on("error", (err) => this.destroy(err));
    // A socket gone without a close frame: as abnormal as ws's 1006.
    socket.on("close", () => this.#onClose(1006, ""));
    if (head.length > 0) this.#in.push(head);
  }

  /** Pings now; resolves false (and the stream is destroyed) when no answer came in time. */
  verify(): Promise<boolean> {
    return this.#liveness.verify();
  }

  #onPayload(view: Buffer): void {
    let payload = view;
    if (this.#channel < 0) {
      this.#channel = payload[0] as number;
      payload = payload.subarray(1);
    }
    const channel = this.#channel;
    payload = stripPortPrefix(this.#prefix, channel, payload);
    if (payload.length === 0 || this.destroyed) return;
    if (channel === DATA) {
      if (!this.push(payload) && !this.#paused) {
        this.#paused = true;
        this.#socket.pause();
      }
    } else if (channel === ERROR) {
      this.#errorText += payload.toString("utf8");
      // The kubelet sends the whole message in one frame, then closes.
      this.destroy(new PodPortRefusedError(this.#errorText.trim()));
    }
  }

  #onControl(op: number, payload: Buffer): void {
    if (op === OP_PING) this.#out.frame(OP_PONG, payload);
    else if (op === OP_CLOSE) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      this.#onClose(code, payload.subarray(2).toString("utf8"));
      this.#out.close();
    }
  }

  #onClose(code: number, reason: string): void {
    if (this.remoteClosed) return;
    this.remoteClosed = true;
    this.#stopPing();
    this.#in.stop();
    if (this.#errorText || this.destroyed) return;
    const reset = abnormalClose(code, reason);
    if (reset) {
      this.destroy(reset);
      return;
    }
    this.push(null);
  }

  #stopPing(): void {
    this.#liveness.stop();
  }

  override _read(): void {
    if (this.#paused) {
      this.#paused = false;
      this.#socket.resume();
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    // v4 has no half-close: after the pod side ended, what the client still sends is dropped,
    // as a closed TCP peer would; the local socket is ended by then.
    if (this.remoteClosed || this.#socket.destroyed) {
      cb();
      return;
    }
    this.#out.message(1, writeDataChannel, chunk);
    if (this.#out.queued < WRITE_HIGH_WATER) cb();
    else this.once("socketDrain", () => cb());
  }

  override _final(cb: (err?: Error | null) => void): void {
    // v4 cannot pass a half-close on. The local listener (spliceWithGrace) closes the stream after
    // a grace once the client ended, so neither the pod nor the local socket waits for ever.
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.#stopPing();
    this.#in.stop();
    this.#out.close();
    this.emit("socketDrain");
    cb(err);
  }
}

/**
 * Opens the stream at once (server-first protocols such as MySQL or SMTP get their greeting)
 * and resolves when the upgrade succeeded; a refused upgrade rejects with the API's message.
 */
export async function openLeanV4Stream(
  kc: KubeConfig,
  pod: PodTarget,
  port: number,
  options: DialOptions & LivenessOptions = {},
): Promise<LeanV4Stream> {
  const up = await rawUpgrade(kc, pod, [port], [PROTOCOL], options);
  if (up.protocol !== PROTOCOL) {
    up.socket.destroy();
    throw new FerryForwardError(
      "PORT_FORWARD_FAILED",
      `port-forward to ${pod.namespace}/${pod.name}:${port}: server chose protocol "${up.protocol}", not ${PROTOCOL}`,
    );
  }
  return new LeanV4Stream(up.socket, up.head, up.secure, options);
}
