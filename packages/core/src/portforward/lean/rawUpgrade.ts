// The port-forward WebSocket upgrade done with Node's own https.request, so the upgraded TLS
// socket is ours to read: the tunnel parses frames from its chunks instead of `ws` copying each
// message out of them. Same TLS, credentials, session resumption and refusal text as `ws` gets.

import { createHash, randomBytes } from "node:crypto";
import { type ClientRequest, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Socket } from "node:net";
import type { KubeConfig } from "@kubernetes/client-node";
import { FerryForwardError } from "../../errors.ts";
import { authFailedMessage, credentialsFor } from "../../kube/credentials.ts";
import {
  type DialOptions,
  type PodTarget,
  portForwardUrl,
  readRefusal,
  resumingConnect,
  UpgradeRefusedError,
} from "../dialPortForward.ts";

export interface Upgraded {
  socket: Socket;
  /** Bytes that arrived with the upgrade response (frames the server sent at once). */
  head: Buffer;
  /** What the server chose; the caller checks it (empty: the server named none). */
  protocol: string;
  /** TLS: frames go out with a zero mask (no intermediary can read them, nothing to protect). */
  secure: boolean;
}

const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/**
 * The upgrade; a 401 renews the credentials (runs the exec plugin again) and retries once, as
 * client-go does. A second 401 is an auth error naming the context and the plugin.
 */
export async function rawUpgrade(
  kc: KubeConfig,
  pod: PodTarget,
  ports: number[],
  protocols: string[],
  options: DialOptions,
): Promise<Upgraded> {
  const unauthorized = (err: unknown) => err instanceof UpgradeRefusedError && err.status === 401;
  const sent: Sent = {};
  try {
    return await upgradeOnce(kc, pod, ports, protocols, options, sent);
  } catch (err) {
    if (!unauthorized(err)) throw err;
    const renewed = credentialsFor(kc)?.refresh(sent.authorization) ?? false;
    try {
      if (renewed) return await upgradeOnce(kc, pod, ports, protocols, options);
    } catch (again) {
      if (!unauthorized(again)) throw again;
    }
    throw new FerryForwardError(
      "FORBIDDEN",
      authFailedMessage(kc, `port-forward to ${pod.namespace}/${pod.name}`),
      { cause: err },
    );
  }
}

/** The credentials an upgrade went out with, for refresh() after a 401. */
interface Sent {
  authorization?: string;
}

async function upgradeOnce(
  kc: KubeConfig,
  pod: PodTarget,
  ports: number[],
  protocols: string[],
  options: DialOptions,
  sent: Sent = {},
): Promise<Upgraded> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new FerryForwardError("BAD_CONFIG", "kubeconfig has no current cluster");
  const url = new URL(portForwardUrl(cluster.server, pod, ports).replace(/^ws/, "http"));
  const secure = url.protocol === "https:";
  const key = randomBytes(16).toString("base64");
  // biome-ignore lint/suspicious/noExplicitAny: applyToHTTPSOptions fills a loose options bag.
  const opts: any = {};
  await kc.applyToHTTPSOptions(opts);
  sent.authorization = opts.headers?.Authorization;
  // After: the kubeconfig's credentials come as headers too, and must not replace these.
  opts.headers = {
    ...opts.headers,
    Connection: "Upgrade",
    Upgrade: "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": key,
    "Sec-WebSocket-Protocol": protocols.join(", "),
  };
  delete opts.agent;
  const where = `${pod.namespace}/${pod.name}${ports.length ? `:${ports.join(",")}` : ""}`;
  const req: ClientRequest = (secure ? httpsRequest : httpRequest)(url, {
    ...opts,
    method: "GET",
    timeout: options.connectTimeoutMs ?? 15_000,
    ...(secure ? { createConnection: resumingConnect(kc) } : {}),
  });
  return new Promise<Upgraded>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      req.destroy();
      reject(err);
    };
    const onAbort = () =>
      fail(new FerryForwardError("PORT_FORWARD_FAILED", `port-forward to ${where} cancelled`));
    options.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("timeout", () =>
      fail(
        new FerryForwardError("PORT_FORWARD_FAILED", `port-forward to ${where}: upgrade timed out`),
      ),
    );
    req.on("error", (err) =>
      fail(
        new FerryForwardError(
          "PORT_FORWARD_FAILED",
          `port-forward to ${where} failed: ${err.message}`,
          {
            cause: err,
          },
        ),
      ),
    );
    req.on("response", (res: IncomingMessage) => {
      void readRefusal(res).then((why) =>
        fail(new UpgradeRefusedError(`port-forward to ${where} refused: ${why}`, res.statusCode)),
      );
    });
    req.on("upgrade", (res: IncomingMessage, socket: Socket, head: Buffer) => {
      const accept = createHash("sha1")
        .update(key + WS_GUID)
        .digest("base64");
      const protocol = String(res.headers["sec-websocket-protocol"] ?? "");
      if (res.headers["sec-websocket-accept"] !== accept) {
        socket.destroy();
        fail(
          new FerryForwardError(
            "PORT_FORWARD_FAILED",
            `port-forward to ${where}: the server answered with a wrong Sec-WebSocket-Accept`,
          ),
        );
        return;
      }
      if (settled) {
        socket.destroy();
        return;
      }
      settled = true;
      options.signal?.removeEventListener("abort", onAbort);
      socket.setTimeout(0);
      socket.setNoDelay(true);
      resolve({ socket, head, protocol, secure });
    });
    req.end();
  });
}
