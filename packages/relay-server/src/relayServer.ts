import { createServer, type Server } from "node:net";
import type { RelayConfig } from "./config.ts";
import type { Log } from "./log.ts";
import { proxyTcp } from "./tcpProxy.ts";
import { muxStats, tunnelUdpMux } from "./udpMuxTunnel.ts";
import { tunnelUdp } from "./udpTunnel.ts";

export interface RelayServer {
  /** The address and port actually bound (differs from the config when it asked for port 0). */
  address: string;
  port: number;
  /** Connections (TCP proxy connections or UDP tunnels) open now. */
  connections(): number;
  /** UDP sockets towards the remote held for mux peers now (every relay in this process). */
  peerSockets(): number;
  close(): Promise<void>;
}

export interface RelayOptions {
  log: Log;
  /** Called once the relay has had no connection for `idleExitMs`. */
  onIdle?: () => void;
}

export async function startRelay(config: RelayConfig, options: RelayOptions): Promise<RelayServer> {
  const { log } = options;
  let open = 0;
  let serial = 0;
  let idleTimer: NodeJS.Timeout | null = null;
  const sockets = new Set<import("node:net").Socket>();

  const armIdle = () => {
    if (config.idleExitMs <= 0 || !options.onIdle) return;
    const onIdle = options.onIdle;
    idleTimer = setTimeout(() => {
      log("info", `no connection for ${config.idleExitMs / 1000}s: exiting`);
      onIdle();
    }, config.idleExitMs);
  };

  const server: Server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    serial += 1;
    open += 1;
    sockets.add(socket);
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const tag = `#${serial} ${socket.remoteAddress}:${socket.remotePort}`;
    socket.once("close", () => {
      open -= 1;
      sockets.delete(socket);
      if (open === 0) armIdle();
    });
    if (config.proxyType === "udp" && config.udpFraming === "mux")
      tunnelUdpMux(socket, config, log, tag);
    else if (config.proxyType === "udp") tunnelUdp(socket, config, log, tag);
    else proxyTcp(socket, config, log, tag);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.localPort, config.bindHost, () => {
      server.off("error", reject);
      resolve();
    });
  });
  armIdle();
  const bound = server.address();
  const port = typeof bound === "object" && bound ? bound.port : config.localPort;

  return {
    address: config.bindHost,
    port,
    connections: () => open,
    peerSockets: muxStats.openPeerSockets,
    close: () =>
      new Promise<void>((resolve) => {
        if (idleTimer) clearTimeout(idleTimer);
        idleTimer = null;
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
