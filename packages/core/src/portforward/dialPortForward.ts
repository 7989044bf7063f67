// The WebSocket upgrade on pods/{name}/portforward with the kubeconfig's TLS and credentials,
// shared by the v4 stream and the SPDY tunnel: TLS session resumption, zero masking inside TLS,
// and a refused upgrade turned into the API's own Status message.

import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import {
  type ConnectionOptions,
  createSecureContext,
  type SecureContext,
  connect as tlsConnect,
} from "node:tls";
import type { KubeConfig } from "@kubernetes/client-node";
import WebSocket from "ws";
import { FerryForwardError } from "../errors.ts";

export interface PodTarget {
  namespace: string;
  name: string;
}

export interface DialOptions {
  /** Upgrade timeout. */
  connectTimeoutMs?: number;
  signal?: AbortSignal;
}

/** The last TLS session per cluster: resuming it skips most of the handshake on every upgrade. */
const sessions = new WeakMap<KubeConfig, Buffer>();

/** What the context is made of: a rotated client certificate (exec plugins) makes a new one. */
const CONTEXT_PARTS = ["ca", "cert", "key", "pfx", "passphrase", "ciphers"] as const;

function same(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return a === b;
}

/**
 * One TLS context per kubeconfig and credentials: building one parses the CA and the client key
 * again (createSecureContext showed in every tunnel's set-up profile, issue 16). A reloaded
 * kubeconfig is a new KubeConfig, so its context is new too.
 */
const contexts = new WeakMap<KubeConfig, { parts: unknown[]; context: SecureContext }>();

export function secureContextFor(kc: KubeConfig, options: ConnectionOptions): SecureContext {
  const parts = CONTEXT_PARTS.map((k) => options[k]);
  const hit = contexts.get(kc);
  if (hit?.parts.every((p, i) => same(p, parts[i]))) return hit.context;
  const context = createSecureContext(options);
  contexts.set(kc, { parts, context });
  return context;
}

export function resumingConnect(kc: KubeConfig) {
  return (options: ConnectionOptions & { host?: string }) => {
    const host = options.host ?? "";
    const socket = tlsConnect({
      ...options,
      secureContext: options.secureContext ?? secureContextFor(kc, options),
      servername: options.servername ?? (isIP(host) ? undefined : host),
      session: sessions.get(kc),
    });
    socket.on("session", (session: Buffer) => sessions.set(kc, session));
    return socket;
  };
}

/** `ports` empty: the SPDY tunnel names its ports per stream, not in the URL. */
export function portForwardUrl(server: string, pod: PodTarget, ports: number[]): string {
  const base = server.replace(/\/+$/, "").replace(/^http/, "ws");
  const query = ports.map((p) => `ports=${p}`).join("&");
  return `${base}/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}/portforward${query ? `?${query}` : ""}`;
}

/** The Status message of a refused upgrade, or the HTTP status line. */
export function readRefusal(res: IncomingMessage): Promise<string> {
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

/** The API server answered the upgrade with an HTTP error (its Status message is the text). */
export class UpgradeRefusedError extends FerryForwardError {
  /** The HTTP status of the refusal, when known. */
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super("PORT_FORWARD_FAILED", message);
    this.status = status;
  }
}

/** RFC 6455 wants subprotocols to be tokens; `SPDY/3.1+portforward.k8s.io` is not one. */
export const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;

/**
 * Opens the port-forward WebSocket offering `protocols` and resolves with what `onOpen` makes of
 * it. `onOpen` runs inside the 'open' event, so frames that came in the same read as the upgrade
 * (a server-first greeting, the port headers) reach its listeners; it gets the protocol the
 * server chose and may throw to refuse it.
 */
export async function dialPortForward<T>(
  kc: KubeConfig,
  pod: PodTarget,
  ports: number[],
  protocols: string[],
  options: DialOptions,
  onOpen: (ws: WebSocket, protocol: string) => T,
): Promise<T> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new FerryForwardError("BAD_CONFIG", "kubeconfig has no current cluster");
  const url = portForwardUrl(cluster.server, pod, ports);
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
  // ws refuses to offer a non-token subprotocol, as Go's gorilla (client-go) does not: offer
  // those in the header ourselves and check the server's choice before ws does.
  const raw = protocols.some((p) => !TOKEN.test(p));
  if (raw)
    wsOptions.headers = { ...wsOptions.headers, "Sec-WebSocket-Protocol": protocols.join(", ") };
  const ws = new WebSocket(url, raw ? [] : protocols, wsOptions);
  let chosen = "";
  if (raw)
    ws.once("upgrade", (res) => {
      chosen = String(res.headers["sec-websocket-protocol"] ?? "");
      delete res.headers["sec-websocket-protocol"];
    });
  const where = `${pod.namespace}/${pod.name}${ports.length ? `:${ports.join(",")}` : ""}`;
  return new Promise<T>((resolve, reject) => {
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
        reject(new UpgradeRefusedError(`port-forward to ${where} refused: ${why}`));
      });
    });
    ws.once("error", (err) => {
      settle();
      reject(
        new FerryForwardError(
          "PORT_FORWARD_FAILED",
          `port-forward to ${where} failed: ${err.message}`,
          { cause: err },
        ),
      );
    });
    ws.once("open", () => {
      settle();
      const protocol = raw ? chosen : ws.protocol;
      if (protocol && !protocols.includes(protocol)) {
        ws.terminate();
        reject(
          new FerryForwardError(
            "PORT_FORWARD_FAILED",
            `port-forward to ${where}: the server chose protocol "${protocol}", which was not offered`,
          ),
        );
        return;
      }
      try {
        resolve(onOpen(ws, protocol));
      } catch (err) {
        ws.terminate();
        reject(err);
      }
    });
  });
}
