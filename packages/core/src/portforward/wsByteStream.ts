// A WebSocket as the byte stream SPDY runs on, as client-go's TunnelingConnection does: each
// write is one binary message, reads are the messages' bytes in order. `hold()` stops reading
// the socket (TCP backpressure to the API server) whatever the reader wants, for a tunnel whose
// peer (the kubelet's spdystream) has no flow control of its own.

import { Duplex } from "node:stream";
import WebSocket from "ws";
import { closeGracefully, sendBounded } from "./wsFlow.ts";

/** Bytes one batch may gather, and the WebSocket may hold, before writes wait. */
const BATCH_MAX = 1 << 20;

export class WsByteStream extends Duplex {
  readonly #ws: WebSocket;
  #wantsData = true;
  #held = false;
  readonly #batch: Buffer[] = [];
  #batchBytes = 0;
  readonly #batchCallbacks: Array<(err?: Error | null) => void> = [];
  readonly #onSent: () => void;

  /** `onSent` runs each time a write has been handed to the WebSocket. */
  constructor(ws: WebSocket, onSent: () => void = () => {}) {
    super({ allowHalfOpen: false, readableHighWaterMark: 256 * 1024 });
    this.#ws = ws;
    this.#onSent = onSent;
    ws.on("message", (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        this.destroy(new Error("SPDY tunnel: the server sent a text WebSocket message"));
        return;
      }
      if (!this.push(data)) {
        this.#wantsData = false;
        this.#apply();
      }
    });
    ws.on("close", (code, reason) => {
      if (code === 1000 || code === 1001 || code === 1005) this.push(null);
      else
        this.destroy(
          new Error(`SPDY tunnel closed (WebSocket ${code}${reason.length ? ` ${reason}` : ""})`),
        );
    });
    ws.on("error", (err) => this.destroy(err));
  }

  /** Bytes written here but not yet sent on the wire. */
  queued(): number {
    return this.writableLength + this.#batchBytes + this.#ws.bufferedAmount;
  }

  hold(): void {
    this.#held = true;
    this.#apply();
  }

  release(): void {
    this.#held = false;
    this.#apply();
  }

  #apply(): void {
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    if (this.#held || !this.#wantsData) this.#ws.pause();
    else this.#ws.resume();
  }

  override _read(): void {
    this.#wantsData = true;
    this.#apply();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.#ws.readyState !== WebSocket.OPEN) {
      cb(new Error("SPDY tunnel is closed"));
      return;
    }
    // A frame reaches us as a header and a payload, a new connection as two SYN_STREAMs: what
    // one turn of the event loop writes goes out as one message (one TLS record run, one syscall).
    // So the next chunk can join the batch, a write completes at once unless the WebSocket or
    // the batch is already full; then it completes when the batch is sent.
    this.#batch.push(chunk);
    this.#batchBytes += chunk.length;
    if (this.#batch.length === 1) queueMicrotask(() => this.#flush());
    if (this.#batchBytes < BATCH_MAX && this.#ws.bufferedAmount < BATCH_MAX) cb();
    else this.#batchCallbacks.push(cb);
  }

  #flush(): void {
    const chunks = this.#batch.splice(0);
    const callbacks = this.#batchCallbacks.splice(0);
    this.#batchBytes = 0;
    if (chunks.length === 0) return;
    const done = (err?: Error | null) => {
      for (const cb of callbacks) cb(err);
      this.#onSent();
    };
    if (this.#ws.readyState !== WebSocket.OPEN) {
      done(new Error("SPDY tunnel is closed"));
      return;
    }
    sendBounded(this.#ws, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), done);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    closeGracefully(this.#ws);
    cb(err);
  }
}
