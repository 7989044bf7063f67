import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import type { HttpLogger } from "../../src/index.ts";

/**
 * A tiny TCP relay like Ferry's forwarder: every accepted connection is spliced to the upstream
 * port, and both directions are fed to a tap synchronously, chunk by chunk.
 */
export async function startRelay(
  logger: HttpLogger,
  upstreamPort: number,
): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const tap = logger.tap({ remotePort: client.remotePort ?? 0 });
    const upstream = connect({ port: upstreamPort, host: "127.0.0.1", allowHalfOpen: true });
    sockets.add(client).add(upstream);
    let open = 2;
    const closed = () => {
      if (--open === 0) tap.end();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("data", (c: Buffer) => tap.fromClient(c));
    upstream.on("data", (c: Buffer) => tap.fromServer(c));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", closed);
    upstream.on("close", closed);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // idle keep-alive connections (fetch keeps one for seconds) end now
        for (const s of sockets) s.destroy();
      }),
  };
}
