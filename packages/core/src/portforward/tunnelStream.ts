// One forwarded connection inside a SPDY tunnel: the pair of SPDY streams Kubernetes opens per
// connection (`data` carries the bytes, `error` the kubelet's message if the pod port cannot be
// reached) as one Node Duplex. Unlike v4, SPDY can half-close, so a client's FIN reaches the pod.

import { Duplex } from "node:stream";
import { PodPortRefusedError } from "../errors.ts";
import type { SpdyStream } from "./spdyConnection.ts";

/** What the stream needs from its tunnel: shared backpressure, since the peer has no windows. */
export interface TunnelFlow {
  /** Called with each chunk read from the pod; the tunnel holds its socket while any is full. */
  readFull(stream: TunnelStream, full: boolean): void;
  /** Runs `cb` once the tunnel's outgoing queue is below its bound. */
  whenWritable(cb: () => void): void;
  ended(stream: TunnelStream): void;
}

const READ_HIGH_WATER = 1 << 20;

/** spdy-transport runs on readable-stream 3, whose streams lack `readableEnded`. */
const endEmitted = (s: SpdyStream) =>
  (s as unknown as { _readableState: { endEmitted: boolean } })._readableState.endEmitted;

export class TunnelStream extends Duplex {
  /** True once the pod side ended or reset the stream (data may still be buffered for reading). */
  remoteClosed = false;
  readonly #data: SpdyStream;
  readonly #error: SpdyStream;
  readonly #flow: TunnelFlow;
  #errorText = "";
  #full = false;
  /** The stream was reset (RST, tunnel gone): nothing more can be sent. */
  #wasReset = false;

  constructor(data: SpdyStream, error: SpdyStream, flow: TunnelFlow) {
    super({ allowHalfOpen: true, readableHighWaterMark: READ_HIGH_WATER });
    this.#data = data;
    this.#error = error;
    this.#flow = flow;
    // An error can arrive before the caller has the stream; callers read `errored`.
    this.on("error", () => {});
    data.on("data", (chunk: Buffer) => {
      if (!this.push(chunk) && !this.#full) {
        this.#full = true;
        flow.readFull(this, true);
      }
    });
    data.on("end", () => {
      this.remoteClosed = true;
      // The kubelet ends the data stream right after writing a failure on the error stream.
      setImmediate(() => {
        if (!this.#errorText) this.push(null);
      });
    });
    data.on("error", (err: Error) => this.#reset(err.message));
    data.on("close", () => {
      // spdy-transport emits 'close' before 'end' reaches later listeners: ask the state.
      if (!endEmitted(data)) this.#reset("the pod side reset the stream");
    });
    error.on("data", (chunk: Buffer) => {
      this.#errorText += chunk.toString("utf8");
      // The kubelet writes its whole message at once, then closes both streams.
      setImmediate(() => {
        if (!this.destroyed) this.destroy(new PodPortRefusedError(this.#errorText.trim()));
      });
    });
    error.on("error", () => {});
    error.resume();
  }

  #reset(why: string): void {
    this.remoteClosed = true;
    this.#wasReset = true;
    if (!this.destroyed && !this.#errorText)
      this.destroy(new Error(`connection to the pod was reset (${why})`));
  }

  override _read(): void {
    if (this.#full) {
      this.#full = false;
      this.#flow.readFull(this, false);
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    // A pod side that only ended its output (FIN) may still read: only a reset drops writes.
    if (this.#wasReset) {
      cb();
      return;
    }
    this.#data.write(chunk);
    this.#flow.whenWritable(() => cb());
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (!this.#wasReset) this.#data.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.#full) this.#flow.readFull(this, false);
    this.#flow.ended(this);
    // RST_STREAM (CANCEL) for what is still open: the kubelet then closes the pod connection.
    // abort() is a no-op for a stream already closed both ways.
    this.#data.abort();
    this.#error.abort();
    cb(err);
  }
}
