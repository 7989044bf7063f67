// Upgrades on the API: pod port-forward over SPDY, the SPDY tunnel in a WebSocket, and v4.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { forbiddenMessage } from "./access.ts";
import { requestAttributes, route } from "./api.ts";
import type { Cluster } from "./cluster.ts";
import { type PortForwardProtocol, SPDY_TUNNEL, V4 } from "./kubeSimTypes.ts";
import { parsePorts, servePortForwardWs } from "./portforward.ts";
import { servePortForwardSpdy, serveSpdyPortForward } from "./spdy.ts";
import { statusObject } from "./status.ts";
import { wsDuplex } from "./wsDuplex.ts";

/**
 * ws accepts only RFC 6455 tokens as offered subprotocols, and the tunnel's name has a "/" (Go's
 * gorilla, under client-go, does not check); ws is shown this stand-in and answers the real name.
 */
const TUNNEL_TOKEN = "spdy-tunnel.portforward.k8s.io";

const REASONS: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" };

function rawReply(socket: Duplex, code: number, message: string) {
  const body = JSON.stringify(statusObject(code, message));
  socket.end(
    `HTTP/1.1 ${code} ${REASONS[code] ?? "Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export type UpgradeDeps = {
  cluster: Cluster;
  authorized(header: string | undefined): boolean;
  latency(): number;
  spdyTunnel: boolean;
};

export function upgradeHandler(deps: UpgradeDeps) {
  const { cluster } = deps;
  // As an API server from 1.31 does: the SPDY tunnel when offered (kubectl offers it first), else v4.
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) =>
      protocols.has(TUNNEL_TOKEN) ? SPDY_TUNNEL : protocols.has(V4) ? V4 : false,
  });
  const served = new Map<PortForwardProtocol, number>();
  const count = (p: PortForwardProtocol) => served.set(p, (served.get(p) ?? 0) + 1);
  const handle = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => {});
    if (!deps.authorized(req.headers.authorization)) return rawReply(socket, 401, "Unauthorized");
    const latency = deps.latency();
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const url = new URL(req.url ?? "/", "https://sim");
    const r = route(url.pathname);
    if (r?.kind !== "pods" || r.sub !== "portforward" || !r.ns || !r.name) {
      return rawReply(socket, 400, "upgrade is only supported on pods/portforward");
    }
    const ns = r.ns;
    const name = r.name;
    const attrs = requestAttributes(r, "POST", false);
    if (cluster.access.denied(attrs)) return rawReply(socket, 403, forbiddenMessage(attrs));
    const pod = cluster.store.get("pods", ns, name);
    if (!pod) return rawReply(socket, 404, `pods "${name}" not found`);
    if (pod.status?.phase !== "Running") {
      return rawReply(socket, 400, `pod ${name} is not running (phase ${pod.status?.phase})`);
    }
    const upgrade = String(req.headers.upgrade ?? "").toLowerCase();
    if (upgrade.startsWith("spdy/")) {
      if (servePortForwardSpdy(cluster, req, socket, head, ns, name)) count("SPDY/3.1");
      return;
    }
    let offered = String(req.headers["sec-websocket-protocol"] ?? "")
      .split(",")
      .map((p) => p.trim());
    if (!deps.spdyTunnel && offered.includes(SPDY_TUNNEL)) {
      offered = offered.filter((p) => p !== SPDY_TUNNEL);
      if (offered.length === 0)
        return rawReply(
          socket,
          403,
          "requested protocol(s) are not supported: SPDY/3.1+portforward.k8s.io",
        );
      req.headers["sec-websocket-protocol"] = offered.join(", ");
    }
    // The tunnel carries the port in each stream's headers, as plain SPDY does: no `ports` needed.
    if (offered.includes(SPDY_TUNNEL)) {
      req.headers["sec-websocket-protocol"] = TUNNEL_TOKEN;
      return wss.handleUpgrade(req, socket, head, (ws) => {
        count(SPDY_TUNNEL);
        serveSpdyPortForward(cluster, wsDuplex(ws, socket), ns, name);
      });
    }
    const ports = parsePorts(url.searchParams);
    if (typeof ports === "string") return rawReply(socket, 400, ports);
    wss.handleUpgrade(req, socket, head, (ws) => {
      count(ws.protocol === V4 ? V4 : "websocket");
      servePortForwardWs(cluster, ws, ns, name, ports);
    });
  };
  return {
    handle,
    served: () => Object.fromEntries(served) as Partial<Record<PortForwardProtocol, number>>,
    terminateAll: () => {
      for (const c of wss.clients) c.terminate();
    },
  };
}
