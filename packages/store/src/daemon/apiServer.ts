import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import { WebSocketServer } from "ws";
import { BODY_LIMIT, BODY_TOO_LARGE_MESSAGE } from "../api/limits.ts";
import { appRouter } from "../api/root.ts";
import type { ApiContext } from "../api/trpc.ts";
import { CHALLENGE_PATH } from "../client/verifyDaemon.ts";
import { answerChallenge } from "./challenge.ts";
import { limitConnections } from "./connectionLimits.ts";
import type { DaemonLog } from "./daemonLog.ts";
import { checkRequest, type GuardOptions, originAllowed } from "./requestGuard.ts";

export interface ApiServer {
  port: number;
  /** Closes WebSocket clients and the listener; resolves when the port is released. */
  close(): Promise<void>;
}

/**
 * tRPC over HTTP (queries, mutations) and WebSocket (subscriptions, or everything) on
 * 127.0.0.1 with an OS-chosen port. Every request passes the Host/Origin check and the token
 * check before tRPC sees it; CORS answers only the allowed origins.
 */
export async function startApiServer(
  context: ApiContext,
  options: { token: string; allowedOrigins: readonly string[]; log: DaemonLog },
): Promise<ApiServer> {
  const guard: GuardOptions = {
    port: 0,
    token: options.token,
    allowedOrigins: options.allowedOrigins,
  };
  const trpcHandler = createHTTPHandler({
    router: appRouter,
    createContext: () => context,
    maxBodySize: BODY_LIMIT,
  });

  const refuse = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(
      JSON.stringify({ error: { message, code: status === 401 ? "UNAUTHORIZED" : "FORBIDDEN" } }),
    );
  };
  const cors = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin === undefined || !originAllowed(origin, guard)) return;
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("vary", "Origin");
    res.setHeader(
      "access-control-allow-headers",
      "authorization, content-type, trpc-accept, x-trpc-source",
    );
    res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
    res.setHeader("access-control-max-age", "600");
  };

  /** Refused before reading a byte of it, in tRPC's shape so clients show the message. */
  const refuseLargeBody = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    const error = {
      error: {
        message: BODY_TOO_LARGE_MESSAGE,
        code: -32600,
        data: {
          code: "PAYLOAD_TOO_LARGE",
          httpStatus: 413,
          ferryCode: "BODY_TOO_LARGE",
          issues: [],
        },
      },
    };
    const calls = url.pathname.slice(1).split(",").length;
    const body = url.searchParams.get("batch") ? Array(calls).fill(error) : error;
    res.writeHead(413, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
    // Read and drop the rest (only an authenticated client gets here): closing mid-upload makes
    // the client fail with ECONNRESET before it reads this answer. Nothing of it is kept.
    req.resume();
  };

  const server: Server = createServer((req, res) => {
    // A preflight carries no token by design; it only learns which origin may call. Nor does the
    // challenge: the client asks it before it trusts this server with the token.
    const challenge = req.method === "GET" && req.url?.split("?")[0] === CHALLENGE_PATH;
    const verdict = checkRequest(
      req,
      guard,
      req.method === "OPTIONS" || challenge ? "none" : "required",
    );
    if (verdict.ok && req.method !== "OPTIONS" && !challenge) connections.trust(req.socket);
    if (!verdict.ok) {
      options.log.warn(
        `refused ${req.method} ${req.url?.split("?")[0]} (${verdict.status}): ${verdict.message}`,
      );
      return refuse(res, verdict.status, verdict.message);
    }
    cors(req, res);
    if (challenge) return answerChallenge(req, res, options.token);
    if (req.method === "OPTIONS") {
      res.writeHead(204);
      return res.end();
    }
    if (Number(req.headers["content-length"] ?? 0) > BODY_LIMIT) return refuseLargeBody(req, res);
    trpcHandler(req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: BODY_LIMIT });
  applyWSSHandler({
    wss,
    router: appRouter,
    createContext: () => context,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
  });
  server.on("upgrade", (req, socket, head) => {
    const verdict = checkRequest(req, guard, "upgrade");
    if (!verdict.ok) {
      options.log.warn(`refused WebSocket (${verdict.status}): ${verdict.message}`);
      socket.end(
        `HTTP/1.1 ${verdict.status} ${verdict.status === 401 ? "Unauthorized" : "Forbidden"}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
      );
      return;
    }
    connections.trust(socket);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  });

  const connections = limitConnections(server);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => resolve());
  });
  guard.port = (server.address() as AddressInfo).port;

  return {
    port: guard.port,
    close: async () => {
      connections.dispose();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
