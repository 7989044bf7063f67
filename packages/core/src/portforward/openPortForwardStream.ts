// One v4.channel.k8s.io port-forward stream as a Node Duplex. Written on `ws` instead of
// client-node's PortForward, which ignores backpressure, writes error-channel text into the data
// stream, connects only on the first client write and can leak the port prefix.

import { isIP } from "node:net";
import { Duplex } from "node:stream";
import { type ConnectionOptions, connect as tlsConnect } from "node:tls";
import type { KubeConfig } from "@kubernetes/client-node";
import WebSocket from "ws";
import { FerryForwardError } from "../errors.ts";

export const PORT_FORWARD_PROTOCOL = "v4.channel.k8s.io";
const DATA = 0;
const ERROR = 1;
/** Above this many bytes queued in the WebSocket, writes wait for the socket to drain. */
const WS_HIGH_WATER = 1 << 20;

/** The last TLS session per cluster: resuming it skips most of the handshake on every connection. */
const sessions = new WeakMap<KubeConfig, Buffer>();

function resumingConnect(kc: KubeConfig) {
  return (options: ConnectionOptions & { host?: string }) => {
    const host = options.host ?? "";
    const socket = tlsConnect({
      ...options,
      servername: options.servername ?? (isIP(host) ? undefined : host),
      session: sessions.get(kc),
    });
    socket.on("session", (session: Buffer) => sessions.set(kc, session));
    return socket;
  };
}

export interface PodTarget {
  namespace: string;
  name: string;
}

export interface PortForwardOptions {
  /** Ping interval; a ping not answered by the next one ends the stream. 0 disables. */
  pingMs?: number;
  /** Upgrade timeout. */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
}

export function portForwardUrl(server: string, pod: PodTarget, port: number): string {
  const base = server.replace(/\/+$/, "").replace(/^http/, "ws");
  return `${base}/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/portforward?ports=${port}`;
}

/** The Status message of a refused upgrade, or the HTTP status line. */
function readRefusal(res: import("node:http").IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    res.setEncoding("utf8");
    res.on("data", (c: string) => {
      if (body.length < 4096) body += c;
    });
    const done = () => {
      let message = `${res.statusCode} ${res.statusMessage ?? ""}`.trim();
      try {
        const status = JSON.parse(body) as { message?: string };
        if (status.message) message = `${message}: ${status.message}`;
      } catch {
        if (body.trim()) message = `${message}: ${body.trim().slice(0, 200)}`;
      }
      resolve(message);
    };
    res.on("end", done);
    res.on("error", done);
  });
}

export class PortForwardStream extends Duplex {
  /** True once the pod side closed the WebSocket (data may still be buffered for reading). */
  remoteClosed = false;
  readonly #ws: WebSocket;
  /** Port-prefix bytes still to strip per channel. */
  #prefix = [2, 2];
  #errorText = "";
  #ping: NodeJS.Timeout | null = null;
  #awaitingPong = false;
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
    ws.on("pong", () => {
      this.#awaitingPong = false;
    });
    if (pingMs > 0) {
      this.#ping = setInterval(() => {
        if (this.#awaitingPong) {
          this.destroy(new Error("port-forward WebSocket stopped answering pings"));
          return;
        }
        this.#awaitingPong = true;
        ws.ping();
      }, pingMs);
      this.#ping.unref();
    }
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
    if (!isBinary || data.length === 0) return;
    const channel = data[0] as number;
    let payload = data.subarray(1);
    if (channel === DATA || channel === ERROR) {
      const left = this.#prefix[channel] as number;
      const strip = Math.min(left, payload.length);
      this.#prefix[channel] = left - strip;
      payload = payload.subarray(strip);
    }
    if (payload.length === 0) return;
    if (channel === DATA) {
      if (!this.push(payload) && !this.#paused) {
        this.#paused = true;
        this.#ws.pause();
      }
    } else if (channel === ERROR) {
      this.#errorText += payload.toString("utf8");
      // The kubelet sends the whole message in one frame, then closes.
      this.destroy(new FerryForwardError("PORT_FORWARD_FAILED", this.#errorText.trim()));
    }
  }

  #onClose(code: number, reason: string): void {
    this.#stopPing();
    this.remoteClosed = true;
    if (this.#errorText || this.destroyed) return;
    if (code !== 1000 && code !== 1001 && code !== 1005) {
      // The pod side vanished mid-stream (dropped, pod deleted): a reset of this connection, so
      // its peer does not take a cut-off reply for a complete one.
      this.destroy(
        new Error(
          `connection to the pod was reset (WebSocket closed ${code}${reason ? ` ${reason}` : ""})`,
        ),
      );
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
    if (this.#ws.bufferedAmount < WS_HIGH_WATER) {
      this.#ws.send(frame, { binary: true });
      cb();
    } else {
      this.#ws.send(frame, { binary: true }, (err) => cb(err ?? null));
    }
  }

  override _final(cb: (err?: Error | null) => void): void {
    // v4 cannot half-close a stream; the pod side ends the exchange.
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.#stopPing();
    const ws = this.#ws;
    if (ws.readyState === WebSocket.OPEN) {
      ws.close(1000);
      // A peer that never answers the close must not hold the socket.
      const t = setTimeout(() => ws.terminate(), 2000);
      t.unref();
      ws.once("close", () => clearTimeout(t));
    } else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    cb(err);
  }

  #stopPing(): void {
    if (this.#ping) clearInterval(this.#ping);
    this.#ping = null;
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
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new FerryForwardError("BAD_CONFIG", "kubeconfig has no current cluster");
  const url = portForwardUrl(cluster.server, pod, port);
  const wsOptions: WebSocket.ClientOptions = {
    handshakeTimeout: options.connectTimeoutMs ?? 15_000,
    perMessageDeflate: false,
  };
  if (url.startsWith("wss:")) {
    // Masking protects intermediaries that could read the frames (RFC 6455 10.3). Inside TLS
    // none can, so a zero key lets ws send the payload without copying and XOR-ing each byte.
    // A plain-HTTP API server (an insecure kubeconfig) keeps ws's random keys.
    wsOptions.generateMask = (mask: Buffer) => void mask.fill(0);
  }
  await kc.applyToHTTPSOptions(wsOptions);
  if (url.startsWith("wss:")) wsOptions.createConnection = resumingConnect(kc) as never;
  const ws = new WebSocket(url, [PORT_FORWARD_PROTOCOL], wsOptions);
  const where = `${pod.namespace}/${pod.name}:${port}`;
  return new Promise<PortForwardStream>((resolve, reject) => {
    const onAbort = () => {
      ws.terminate();
      reject(new FerryForwardError("PORT_FORWARD_FAILED", `port-forward to ${where} cancelled`));
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => options.signal?.removeEventListener("abort", onAbort);
    ws.once("unexpected-response", (_req, res) => {
      settle();
      void readRefusal(res).then((why) => {
        ws.terminate();
        reject(
          new FerryForwardError("PORT_FORWARD_FAILED", `port-forward to ${where} refused: ${why}`),
        );
      });
    });
    ws.once("error", (err) => {
      settle();
      reject(
        new FerryForwardError(
          "PORT_FORWARD_FAILED",
          `port-forward to ${where} failed: ${err.message}`,
          {
            cause: err,
          },
        ),
      );
    });
    ws.once("open", () => {
      settle();
      if (ws.protocol !== PORT_FORWARD_PROTOCOL) {
        ws.terminate();
        reject(
          new FerryForwardError(
            "PORT_FORWARD_FAILED",
            `port-forward to ${where}: server chose protocol "${ws.protocol}", not ${PORT_FORWARD_PROTOCOL}`,
          ),
        );
        return;
      }
      resolve(new PortForwardStream(ws, options.pingMs ?? 30_000));
    });
  });
}
