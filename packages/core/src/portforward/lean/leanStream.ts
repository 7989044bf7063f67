// One forwarded connection in the lean tunnel: the `data` and `error` SPDY streams Kubernetes
// opens per connection, as one Node Duplex. The tunnel hands it DATA payloads as views of the
// TLS socket's chunks; what the local socket reads goes out as DATA frames, header and payload
// side by side in one corked write.

import { Socket } from "node:net";
import { Duplex } from "node:stream";
import { PodPortRefusedError } from "../../errors.ts";

/** What a stream needs from its tunnel. */
export interface StreamHost {
  /** The tunnel holds its socket while any stream's reader is full (the peer has no windows). */
  readFull(stream: LeanStream, full: boolean): void;
  /** Runs `cb` once the tunnel's socket has room. */
  whenWritable(cb: () => void): void;
  /** One DATA frame; several views are its payload one after the other. */
  sendData(streamId: number, payload: Buffer | readonly Buffer[], fin: boolean): void;
  reset(streamId: number): void;
  ended(stream: LeanStream): void;
}

const READ_HIGH_WATER = 1 << 20;
/**
 * Writes queued while the tunnel was busy leave as DATA frames of up to this many bytes: a burst
 * of UDP datagrams (the mux's writev) is one WebSocket and SPDY frame, not one per datagram, which
 * the kubelet would parse and push one by one. Far below SPDY's 24-bit length.
 */
export const DATA_BATCH_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);

export class LeanStream extends Duplex {
  /** True once the pod side ended or reset the stream (data may still be buffered for reading). */
  remoteClosed = false;
  readonly dataId: number;
  readonly errorId: number;
  readonly #host: StreamHost;
  #errorText = "";
  #full = false;
  /** Reset by either side: nothing more is sent. */
  #wasReset = false;
  #sentFin = false;
  #gotFin = false;
  #errorDone = false;

  constructor(host: StreamHost, dataId: number, errorId: number) {
    super({ allowHalfOpen: true, readableHighWaterMark: READ_HIGH_WATER });
    this.#host = host;
    this.dataId = dataId;
    this.errorId = errorId;
    // An error can arrive before the caller has the stream; callers read `errored`.
    this.on("error", () => {});
  }

  /**
   * A piece of the pod's bytes (a view: pushed as is, never copied). True when the view is still
   * held after the call: buffered here or in the local socket, or with another reader.
   */
  onData(view: Buffer, fin: boolean): boolean {
    // Nothing after the pod's FIN (a broken peer): dropped rather than pushed after the end.
    if (this.destroyed || this.#gotFin) return false;
    let held = false;
    if (view.length > 0) {
      if (!this.push(view) && !this.#full) {
        this.#full = true;
        this.#host.readFull(this, true);
      }
      held = !this.#handedOff();
    }
    if (fin) {
      this.#gotFin = true;
      this.remoteClosed = true;
      // The kubelet ends the data stream right after writing a failure on the error stream.
      setImmediate(() => {
        if (!this.#errorText && !this.destroyed) this.push(null);
      });
    }
    return held;
  }

  /**
   * Whether what was pushed has left for the kernel already: nothing buffered here, one reader
   * only, the pipe to a local socket, and that socket with nothing queued (a write the kernel
   * took at once). Anything else counts as held.
   */
  #handedOff(): boolean {
    if (this.readableLength > 0 || this.listenerCount("data") !== 1) return false;
    // Node keeps a readable's pipe destinations here (no public accessor).
    const pipes = (this as unknown as { _readableState?: { pipes?: unknown[] } })._readableState
      ?.pipes;
    if (!Array.isArray(pipes) || pipes.length !== 1) return false;
    const dest = pipes[0];
    return dest instanceof Socket && dest.writableLength === 0;
  }

  onErrorData(view: Buffer, fin: boolean): void {
    if (fin) this.#errorDone = true;
    if (view.length === 0) return;
    this.#errorText += view.toString("utf8");
    // The kubelet writes its whole message at once, then closes both streams.
    setImmediate(() => {
      if (!this.destroyed) this.destroy(new PodPortRefusedError(this.#errorText.trim()));
    });
  }

  onReset(why: string): void {
    this.remoteClosed = true;
    this.#wasReset = true;
    if (!this.destroyed && !this.#errorText)
      this.destroy(new Error(`connection to the pod was reset (${why})`));
  }

  override _read(): void {
    if (this.#full) {
      this.#full = false;
      this.#host.readFull(this, false);
    }
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    // A pod side that only ended its output (FIN) may still read: only a reset drops writes.
    if (this.#wasReset) {
      cb();
      return;
    }
    this.#host.sendData(this.dataId, chunk, false);
    this.#host.whenWritable(() => cb());
  }

  override _writev(
    chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>,
    cb: (err?: Error | null) => void,
  ): void {
    if (this.#wasReset) {
      cb();
      return;
    }
    let batch: Buffer[] = [];
    let bytes = 0;
    for (const { chunk } of chunks) {
      if (batch.length > 0 && bytes + chunk.length > DATA_BATCH_BYTES) {
        this.#host.sendData(this.dataId, batch, false);
        batch = [];
        bytes = 0;
      }
      batch.push(chunk);
      bytes += chunk.length;
    }
    if (batch.length > 0) this.#host.sendData(this.dataId, batch, false);
    this.#host.whenWritable(() => cb());
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (!this.#wasReset) {
      this.#sentFin = true;
      this.#host.sendData(this.dataId, EMPTY, true);
    }
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (this.#full) this.#host.readFull(this, false);
    this.#host.ended(this);
    // RST_STREAM (CANCEL) for what is still open: the kubelet then closes the pod connection.
    if (!this.#wasReset) {
      if (!(this.#sentFin && this.#gotFin)) this.#host.reset(this.dataId);
      if (!this.#errorDone) this.#host.reset(this.errorId);
    }
    this.#wasReset = true;
    cb(err);
  }
}
