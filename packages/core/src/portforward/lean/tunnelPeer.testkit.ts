// For tests: a lean tunnel on a real loopback socket whose far end the test drives by hand.

import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll } from "vitest";
import { LeanTunnel } from "./leanTunnel.ts";

/** Registers the listener for the enclosing suite; each call gives a tunnel and its peer. */
export function useTunnelPeers(): () => Promise<{ tunnel: LeanTunnel; peer: Socket }> {
  let server: Server;
  const peers: Socket[] = [];
  beforeAll(async () => {
    server = createServer((s) => peers.push(s));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  });
  afterAll(() => {
    for (const p of peers) p.destroy();
    server.close();
  });
  return async () => {
    const sock = connect((server.address() as AddressInfo).port, "127.0.0.1");
    await once(sock, "connect");
    while (peers.length === 0) await new Promise((r) => setTimeout(r, 5));
    const peer = peers.shift() as Socket;
    peer.on("data", () => {});
    const tunnel = new LeanTunnel(
      sock,
      Buffer.alloc(0),
      true,
      { namespace: "ns", name: "p" },
      { pingMs: 0 },
    );
    return { tunnel, peer };
  };
}
