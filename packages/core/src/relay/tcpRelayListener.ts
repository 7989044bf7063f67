// The local end of a TCP proxy forward: each accepted connection gets its own stream to the
// relay pod, piped both ways (pipe pauses a side whose peer is not reading: bounded memory).
import { createServer, type Socket } from "node:net";
import type { Duplex } from "node:stream";

export interface TcpRelayListenerOptions {
  localAddress: string;
  localPort: number;
  openTunnel: () => Promise<Duplex>;
  log: (level: "info" | "warn" | "error", message: string) => void;
  onTraffic?: (bytesOut: number, bytesIn: number) => void;
}

export interface TcpRelayListener {
  port: number;
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpRelayListener(
  options: TcpRelayListenerOptions,
): Promise<TcpRelayListener> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.pause();
    socket.on("error", () => {});
    let tunnel: Duplex | null = null;
    socket.once("close", () => {
      sockets.delete(socket);
      tunnel?.destroy();
    });
    options.openTunnel().then(
      (stream) => {
        if (socket.destroyed) return void stream.destroy();
        tunnel = stream;
        stream.on("error", (err) => {
          options.log("warn", `relay stream: ${err.message}`);
          socket.destroy();
        });
        stream.once("close", () => socket.destroy());
        socket.on("data", (d: Buffer) => options.onTraffic?.(d.length, 0));
        stream.on("data", (d: Buffer) => options.onTraffic?.(0, d.length));
        socket.pipe(stream);
        stream.pipe(socket);
        socket.resume();
      },
      (err: Error) => {
        options.log("warn", `cannot reach the relay: ${err.message}`);
        socket.destroy();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.localPort, options.localAddress, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const addr = server.address();
  return {
    port: typeof addr === "object" && addr ? addr.port : options.localPort,
    connections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
