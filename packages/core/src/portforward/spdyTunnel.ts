// SPDY/3.1 tunnelled over one WebSocket (`SPDY/3.1+portforward.k8s.io`, API servers from 1.31):
// every forwarded connection is a pair of SPDY streams inside the one upgraded connection, so a
// new connection costs a SYN_STREAM round trip instead of a TLS handshake and an HTTP upgrade.

import type { KubeConfig } from "@kubernetes/client-node";
import type WebSocket from "ws";
import { FerryForwardError } from "../errors.ts";
import { type DialOptions, dialPortForward, type PodTarget } from "./dialPortForward.ts";
import { keepAlive } from "./keepAlive.ts";
import { awaitReply } from "./lean/awaitReply.ts";
import { createSpdySession, type SpdySession } from "./spdyConnection.ts";
import { type TunnelFlow, TunnelStream } from "./tunnelStream.ts";
import { WsByteStream } from "./wsByteStream.ts";

export const SPDY_TUNNEL_PROTOCOL = "SPDY/3.1+portforward.k8s.io";
/** Bytes the tunnel's connections may queue for the socket before their writes wait. */
const WRITE_HIGH_WATER = 2 << 20;

export interface SpdyTunnelOptions extends DialOptions {
  /** WebSocket ping interval; a ping not answered by the next one closes the tunnel. 0 disables. */
  pingMs?: number;
}

/** The server answered the upgrade with another protocol: it has no SPDY tunnel (before 1.31). */
export class TunnelUnsupportedError extends FerryForwardError {}

export class SpdyTunnel implements TunnelFlow {
  readonly pod: PodTarget;
  readonly #bytes: WsByteStream;
  readonly #session: SpdySession;
  readonly #streams = new Set<TunnelStream>();
  /** Connections whose local reader is behind: the socket is held while any is. */
  readonly #fullReaders = new Set<TunnelStream>();
  readonly #writers: Array<() => void> = [];
  readonly #closeListeners = new Set<(why: string) => void>();
  readonly #idleListeners = new Set<() => void>();
  readonly #stopPing: () => void;
  #nextRequest = 0;
  #closed: string | null = null;

  constructor(ws: WebSocket, pod: PodTarget, pingMs: number) {
    this.pod = pod;
    this.#bytes = new WsByteStream(ws, () => this.#wakeWriters());
    this.#session = createSpdySession(this.#bytes);
    this.#session.on("error", (err) => this.close(err.message));
    this.#session.on("close", () => this.close("the API server closed the tunnel"));
    this.#bytes.on("error", (err) => this.close(err.message));
    this.#bytes.on("close", () => this.close("the API server closed the tunnel"));
    this.#session.start(3.1);
    this.#stopPing = keepAlive(ws, pingMs, () => this.close("the tunnel stopped answering pings"));
  }

  /** Null while usable, else why it closed. */
  get closed(): string | null {
    return this.#closed;
  }

  /** Connections open inside the tunnel. */
  get active(): number {
    return this.#streams.size;
  }

  /** `listener` runs each time the last open connection ends. */
  onIdle(listener: () => void): void {
    this.#idleListeners.add(listener);
  }

  onClose(listener: (why: string) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /**
   * Opens one connection to `port`: both SYN_STREAMs go out at once and the stream resolves on
   * the data stream's reply. Bytes written before that travel right behind the SYN_STREAM.
   */
  openStream(port: number, options: DialOptions = {}): Promise<TunnelStream> {
    if (this.#closed)
      return Promise.reject(
        new FerryForwardError("PORT_FORWARD_FAILED", `SPDY tunnel closed: ${this.#closed}`),
      );
    const requestid = String(this.#nextRequest++);
    const headers = (streamtype: string) => ({
      method: "POST",
      path: "/",
      host: "",
      headers: { streamtype, port: String(port), requestid },
    });
    // The error stream only ever carries the kubelet's message: our side is closed at once.
    const error = this.#session.request({ ...headers("error"), writable: false });
    const data = this.#session.request(headers("data"));
    const stream = new TunnelStream(data, error, this);
    this.#streams.add(stream);
    const where = `${this.pod.namespace}/${this.pod.name}:${port}`;
    return awaitReply(
      stream,
      (replied) => data.once("response", replied),
      where,
      options,
      () => this.#closed,
      () => this.close("a stream was not answered in time"),
    );
  }

  close(why = "closed by Ferry"): void {
    if (this.#closed) return;
    this.#closed = why;
    this.#stopPing();
    for (const s of this.#streams)
      s.destroy(new Error(`connection to the pod was reset (SPDY tunnel closed: ${why})`));
    this.#streams.clear();
    this.#fullReaders.clear();
    for (const w of this.#writers.splice(0)) w();
    this.#bytes.destroy();
    for (const l of this.#closeListeners) l(why);
    this.#closeListeners.clear();
    this.#idleListeners.clear();
  }

  // TunnelFlow: the peer (spdystream) has no flow control, so backpressure is the socket's.

  readFull(stream: TunnelStream, full: boolean): void {
    if (full) this.#fullReaders.add(stream);
    else this.#fullReaders.delete(stream);
    if (this.#fullReaders.size > 0) this.#bytes.hold();
    else this.#bytes.release();
  }

  whenWritable(cb: () => void): void {
    if (this.#closed || this.#pending() < WRITE_HIGH_WATER) cb();
    else this.#writers.push(cb);
  }

  ended(stream: TunnelStream): void {
    if (!this.#streams.delete(stream)) return;
    if (this.#fullReaders.delete(stream) && this.#fullReaders.size === 0) this.#bytes.release();
    if (this.#streams.size === 0) for (const l of this.#idleListeners) l();
  }

  /** Written by connections but not yet on the wire. */
  #pending(): number {
    return this.#session.queuedBytes() + this.#bytes.queued();
  }

  #wakeWriters(): void {
    while (this.#writers.length > 0 && this.#pending() < WRITE_HIGH_WATER)
      this.#writers.shift()?.();
  }
}

/** Opens the tunnel; a server without it rejects with TunnelUnsupportedError. */
export async function openSpdyTunnel(
  kc: KubeConfig,
  pod: PodTarget,
  options: SpdyTunnelOptions = {},
): Promise<SpdyTunnel> {
  return dialPortForward(kc, pod, [], [SPDY_TUNNEL_PROTOCOL], options, (ws, protocol) => {
    if (protocol !== SPDY_TUNNEL_PROTOCOL)
      throw new TunnelUnsupportedError(
        "PORT_FORWARD_FAILED",
        `the API server has no SPDY port-forward tunnel (it chose "${protocol}")`,
      );
    return new SpdyTunnel(ws, pod, options.pingMs ?? 30_000);
  });
}
