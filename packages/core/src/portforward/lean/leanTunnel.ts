// The SPDY port-forward tunnel (`SPDY/3.1+portforward.k8s.io`) in one pass: WebSocket frames
// carrying SPDY frames are parsed in place from the TLS socket's chunks and DATA payloads reach
// each connection as views of them; writes put the WebSocket and SPDY headers in one small buffer
// beside the payload in a corked socket, so a turn of the event loop leaves in one writev.
// The peer (the kubelet's moby/spdystream) has no flow control: it never sends WINDOW_UPDATE and
// ignores those it gets, so Ferry sends none and backpressure is the TCP socket's.

import { createRequire } from "node:module";
import type { Socket } from "node:net";
import type { KubeConfig } from "@kubernetes/client-node";
import { FerryForwardError } from "../../errors.ts";
import type { DialOptions, PodTarget } from "../dialPortForward.ts";
import { type HeaderCodec, headerDeflate, headerInflate } from "../headerZlib.ts";
import { awaitReply } from "./awaitReply.ts";
import { LeanStream, type StreamHost } from "./leanStream.ts";
import { Liveness, type LivenessOptions } from "./liveness.ts";
import { rawUpgrade } from "./rawUpgrade.ts";
import { releaseChunk } from "./releaseChunk.ts";
import {
  GOAWAY,
  HEADERS,
  PING,
  RST_STREAM,
  SpdyFrameReader,
  SYN_REPLY,
  SYN_STREAM,
} from "./spdyFrameReader.ts";
import {
  decodeHeaderBlock,
  encodeHeaderBlock,
  pingFrame,
  RST_CANCEL,
  RST_REFUSED_STREAM,
  rstStreamFrame,
  synStreamFrame,
  writeDataHeader,
} from "./spdyFrames.ts";
import { OP_BINARY, OP_CLOSE, OP_PING, OP_PONG, WsFrameReader } from "./wsFrameReader.ts";
import { payloadLength, WsWriter } from "./wsWriter.ts";

const require = createRequire(import.meta.url);
/** SPDY/3's header-compression dictionary (RFC draft 2.6.10.1), as spdy-transport ships it. */
const DICTIONARY = (
  require("spdy-transport/lib/spdy-transport/protocol/spdy/dictionary.js") as Record<string, Buffer>
)[3.1] as Buffer;
const PROTOCOL = "SPDY/3.1+portforward.k8s.io";
/** Bytes queued in the socket before connections' writes wait. */
const WRITE_HIGH_WATER = 2 << 20;

export interface LeanTunnelOptions extends DialOptions, LivenessOptions {}

interface Route {
  stream: LeanStream;
  error: boolean;
}

export class LeanTunnel implements StreamHost {
  readonly pod: PodTarget;
  readonly #socket: Socket;
  readonly #out: WsWriter;
  readonly #ws: WsFrameReader;
  readonly #spdy: SpdyFrameReader;
  readonly #deflate: HeaderCodec = headerDeflate(DICTIONARY);
  readonly #inflate: HeaderCodec = headerInflate(DICTIONARY);
  readonly #routes = new Map<number, Route>();
  readonly #streams = new Set<LeanStream>();
  readonly #fullReaders = new Set<LeanStream>();
  readonly #writers: Array<() => void> = [];
  readonly #closeListeners = new Set<(why: string) => void>();
  readonly #idleListeners = new Set<() => void>();
  #nextId = 1;
  #nextRequest = 0;
  #goneAway = false;
  #closed: string | null = null;
  readonly #liveness: Liveness;
  #nextPing = 1;
  #silent = false;
  /** Socket reads freed as soon as parsed (for tests and diagnostics). */
  releasedReads = 0;
  /** Whether a view of the read being parsed is still held when its parse ends. */
  #held = false;

  constructor(
    socket: Socket,
    head: Buffer,
    secure: boolean,
    pod: PodTarget,
    liveness: LivenessOptions,
  ) {
    this.pod = pod;
    this.#socket = socket;
    this.#out = new WsWriter(socket, secure);
    this.#spdy = new SpdyFrameReader({
      data: (id, view, fin) => this.#onData(id, view, fin),
      control: (type, _flags, body) => this.#onControl(type, body),
      fail: (why) => this.close(why),
    });
    this.#ws = new WsFrameReader({
      payload: (view) => this.#spdy.push(view),
      control: (op, payload) => this.#onWsControl(op, payload),
      fail: (why) => this.close(why),
    });
    // SPDY PING goes through the API server to the kubelet's end: the whole path answers.
    this.#liveness = new Liveness(liveness, {
      ping: () => {
        this.#sendSpdy(pingFrame(this.#nextPing));
        this.#nextPing = (this.#nextPing + 2) & 0x7fffffff || 1;
      },
      paused: () => this.#fullReaders.size > 0,
      dead: (why) => {
        this.#silent = true;
        this.close(`the tunnel stopped answering (${why})`);
      },
    });
    socket.on("data", (chunk: Buffer) => {
      this.#liveness.received();
      this.#held = false;
      this.#ws.push(chunk);
      // Every DATA view of this read went to the kernel already: free it now, not at a GC.
      if (!this.#held && !this.#ws.holding && !this.#spdy.holding && releaseChunk(chunk))
        this.releasedReads++;
    });
    socket.on("drain", () => this.#wakeWriters());
    socket.on("end", () => this.close("the API server closed the tunnel"));
    socket.on("close", () => this.close("the API server closed the tunnel"));
    socket.on("error", (err) => this.close(err.message));
    if (head.length > 0) this.#ws.push(head);
  }

  /**
   * Pings the tunnel now; a tunnel that does not answer within the timeout closes (its
   * connections reset, new ones get a fresh tunnel). `onResult` hears the outcome.
   */
  checkAlive(onResult?: (alive: boolean) => void): void {
    this.#liveness.check(onResult);
  }

  /** Null while new connections may open here; after GOAWAY a new tunnel is needed. */
  get closed(): string | null {
    return this.#closed ?? (this.#goneAway ? "the API server sent GOAWAY" : null);
  }

  /** Closed because it stopped answering. */
  get silent(): boolean {
    return this.#silent;
  }

  get active(): number {
    return this.#streams.size;
  }

  onIdle(listener: () => void): void {
    this.#idleListeners.add(listener);
  }

  onClose(listener: (why: string) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Both SYN_STREAMs leave at once; the stream resolves on the data stream's SYN_REPLY. */
  openStream(port: number, options: DialOptions = {}): Promise<LeanStream> {
    if (this.#closed || this.#goneAway)
      return Promise.reject(
        new FerryForwardError(
          "PORT_FORWARD_FAILED",
          `SPDY tunnel closed: ${this.#closed ?? "the API server sent GOAWAY"}`,
        ),
      );
    const errorId = this.#nextId;
    const dataId = errorId + 2;
    this.#nextId += 4;
    const requestid = String(this.#nextRequest++);
    // A new connection must not wait on a dead tunnel: no byte back within the ping timeout
    // closes it, and the connector retries on a fresh one. The SYN_STREAMs below draw SYN_REPLYs
    // from the kubelet's end, the path a PING takes, so they are the probe (a PING per connection
    // cost both ends a frame each way).
    this.#liveness.check(undefined, "a new stream");
    const stream = new LeanStream(this, dataId, errorId);
    this.#streams.add(stream);
    this.#routes.set(errorId, { stream, error: true });
    this.#routes.set(dataId, { stream, error: false });
    const headers = (streamtype: string) =>
      this.#compress(encodeHeaderBlock({ streamtype, port: String(port), requestid }));
    // The error stream only ever carries the kubelet's message: our side is closed at once.
    this.#sendSpdy(synStreamFrame(errorId, true, headers("error")));
    this.#sendSpdy(synStreamFrame(dataId, false, headers("data")));
    return awaitReply(
      stream,
      (replied) => stream.once("reply", replied),
      `${this.pod.namespace}/${this.pod.name}:${port}`,
      options,
      () => this.#closed,
      () => this.close("a stream was not answered in time"),
    );
  }

  close(why = "closed by Ferry"): void {
    if (this.#closed) return;
    this.#closed = why;
    this.#liveness.stop();
    this.#ws.stop();
    this.#spdy.stop();
    for (const s of this.#streams)
      s.destroy(new Error(`connection to the pod was reset (SPDY tunnel closed: ${why})`));
    this.#streams.clear();
    this.#routes.clear();
    this.#fullReaders.clear();
    for (const w of this.#writers.splice(0)) w();
    this.#out.close();
    for (const l of this.#closeListeners) l(why);
    this.#closeListeners.clear();
    this.#idleListeners.clear();
  }

  // StreamHost

  readFull(stream: LeanStream, full: boolean): void {
    if (full) this.#fullReaders.add(stream);
    else this.#fullReaders.delete(stream);
    if (this.#closed) return;
    if (this.#fullReaders.size > 0) this.#socket.pause();
    else this.#socket.resume();
  }

  whenWritable(cb: () => void): void {
    if (this.#closed || this.#out.queued < WRITE_HIGH_WATER) cb();
    else this.#writers.push(cb);
  }

  sendData(streamId: number, payload: Buffer | readonly Buffer[], fin: boolean): void {
    if (this.#closed) return;
    const length = payloadLength(payload);
    this.#out.message(8, (into, at) => writeDataHeader(into, at, streamId, fin, length), payload);
  }

  reset(streamId: number): void {
    this.#sendSpdy(rstStreamFrame(streamId, RST_CANCEL));
  }

  ended(stream: LeanStream): void {
    if (!this.#streams.delete(stream)) return;
    this.#routes.delete(stream.dataId);
    this.#routes.delete(stream.errorId);
    if (this.#fullReaders.delete(stream) && this.#fullReaders.size === 0 && !this.#closed)
      this.#socket.resume();
    if (this.#streams.size > 0) return;
    if (this.#goneAway) this.close("the API server sent GOAWAY");
    else for (const l of this.#idleListeners) l();
  }

  // Reading

  #onData(id: number, view: Buffer, fin: boolean): void {
    // Frames for a stream already reset or ended are dropped, as SPDY says.
    const route = this.#routes.get(id);
    if (!route) return;
    if (route.error) route.stream.onErrorData(view, fin);
    else if (route.stream.onData(view, fin)) this.#held = true;
  }

  #onControl(type: number, body: Buffer): void {
    // Control frames are rare; whatever they do with their body, the read is left to the GC.
    this.#held = true;
    try {
      if (type === SYN_REPLY || type === HEADERS) {
        this.#inflateBlock(body.subarray(4));
        const route = type === SYN_REPLY ? this.#routes.get(this.#streamId(body)) : undefined;
        if (route && !route.error) route.stream.emit("reply");
      } else if (type === RST_STREAM) {
        const route = this.#routes.get(this.#streamId(body));
        const status = body.length >= 8 ? body.readUInt32BE(4) : 0;
        route?.stream.onReset(`RST_STREAM status ${status}`);
      } else if (type === PING) {
        // Odd ids are our own pings coming back; even ids are the server's, echoed.
        const id = body.length >= 4 ? body.readUInt32BE(0) : 1;
        if (id % 2 === 0) this.#sendSpdy(pingFrame(id));
      } else if (type === GOAWAY) {
        this.#goAway(this.#streamId(body));
      } else if (type === SYN_STREAM) {
        this.#inflateBlock(body.subarray(10));
        this.#sendSpdy(rstStreamFrame(this.#streamId(body), RST_REFUSED_STREAM));
      }
      // SETTINGS, WINDOW_UPDATE and unknown types are ignored (spdystream does the same).
    } catch (err) {
      this.close(`SPDY: ${(err as Error).message}`);
    }
  }

  #streamId(body: Buffer): number {
    if (body.length < 4) throw new Error("control frame too short");
    return body.readUInt32BE(0) & 0x7fffffff;
  }

  /** Every header block goes through the one inflate stream, or later ones cannot be read. */
  #inflateBlock(block: Buffer): Record<string, string> {
    if (block.length === 0) return {};
    let out: Buffer[] = [];
    this.#inflate.write([block], (err, chunks) => {
      if (err) throw err;
      out = chunks ?? [];
    });
    return decodeHeaderBlock(out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out));
  }

  #goAway(lastGood: number): void {
    this.#goneAway = true;
    for (const s of [...this.#streams])
      if (s.dataId > lastGood) s.onReset("the API server sent GOAWAY");
    if (this.#streams.size === 0) this.close("the API server sent GOAWAY");
  }

  #onWsControl(op: number, payload: Buffer): void {
    // A PONG goes out with the PING's payload, a view of the read.
    this.#held = true;
    if (op === OP_PING) this.#out.frame(OP_PONG, payload);
    else if (op === OP_CLOSE) {
      const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      const reason = payload.subarray(2).toString("utf8");
      this.close(
        code === 1000 || code === 1001 || code === 1005
          ? "the API server closed the tunnel"
          : `SPDY tunnel closed (WebSocket ${code}${reason ? ` ${reason}` : ""})`,
      );
    }
  }

  // Writing

  #compress(block: Buffer): Buffer {
    let out: Buffer[] = [];
    this.#deflate.write([block], (err, chunks) => {
      if (err) throw err;
      out = chunks ?? [];
    });
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }

  #sendSpdy(frame: Buffer): void {
    if (!this.#closed) this.#out.frame(OP_BINARY, frame);
  }

  #wakeWriters(): void {
    while (this.#writers.length > 0 && this.#out.queued < WRITE_HIGH_WATER)
      this.#writers.shift()?.();
  }
}

/** Opens the lean tunnel; a server without it rejects with `unsupported(protocol)`'s error. */
export async function openLeanTunnel(
  kc: KubeConfig,
  pod: PodTarget,
  options: LeanTunnelOptions,
  unsupported: (protocol: string) => Error,
): Promise<LeanTunnel> {
  const up = await rawUpgrade(kc, pod, [], [PROTOCOL], options);
  if (up.protocol !== PROTOCOL) {
    up.socket.destroy();
    throw unsupported(up.protocol);
  }
  return new LeanTunnel(up.socket, up.head, up.secure, pod, options);
}
