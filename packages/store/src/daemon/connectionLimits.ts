import type { Server } from "node:http";
import type { Duplex } from "node:stream";

/** How long a connection may stay open before it shows the token. */
export const AUTH_DEADLINE_MS = 5_000;
/** Connections at once that have not shown the token yet; past it the oldest is dropped. */
export const MAX_UNAUTHENTICATED = 32;
/** Connections at once, all kinds. */
export const MAX_CONNECTIONS = 256;

export interface ConnectionLimits {
  /** The connection showed the token: the short deadline no longer applies. */
  trust(socket: Duplex): void;
  dispose(): void;
}

/**
 * Keeps connections from pinning the daemon's descriptors (issue 13.2): one that has not shown
 * the token within AUTH_DEADLINE_MS is closed, at most MAX_UNAUTHENTICATED wait at once, idle
 * keep-alive connections close after 5 s, and the server takes MAX_CONNECTIONS in all.
 */
export function limitConnections(server: Server): ConnectionLimits {
  const waiting = new Map<Duplex, NodeJS.Timeout>();
  const forget = (socket: Duplex) => {
    clearTimeout(waiting.get(socket));
    waiting.delete(socket);
  };
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = AUTH_DEADLINE_MS;
  server.requestTimeout = 120_000; // a 64 MiB import on a slow machine
  server.keepAliveTimeout = 5_000;
  server.on("connection", (socket: Duplex) => {
    if (waiting.size >= MAX_UNAUTHENTICATED) {
      const oldest = waiting.keys().next().value;
      if (oldest) {
        forget(oldest);
        oldest.destroy();
      }
    }
    const timer = setTimeout(() => socket.destroy(), AUTH_DEADLINE_MS);
    timer.unref();
    waiting.set(socket, timer);
    socket.once("close", () => forget(socket));
  });
  return {
    trust: forget,
    dispose() {
      for (const timer of waiting.values()) clearTimeout(timer);
      waiting.clear();
    },
  };
}
