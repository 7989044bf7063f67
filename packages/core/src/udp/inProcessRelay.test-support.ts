// For the UDP forwarder tests: the real relay program (@ferry/relay-server) in this process,
// reached by plain TCP connections as a port-forward stream would reach it in a pod.

import type { Socket as UdpSocket } from "node:dgram";
import { once } from "node:events";
import { connect } from "node:net";
import type { Duplex } from "node:stream";
import { parseRelayConfig, type RelayServer, silentLog, startRelay } from "@ferry/relay-server";
import { afterAll, beforeAll } from "vitest";

export interface InProcessRelay {
  relay: RelayServer;
  /** What a UdpForwarder opens per tunnel; counted. */
  openTunnel: () => Promise<Duplex>;
  tunnelsOpened(): number;
}

export async function inProcessRelay(
  remote: UdpSocket,
  env: Record<string, string> = {},
): Promise<InProcessRelay> {
  const parsed = parseRelayConfig({
    LOCAL_PORT: "0",
    BIND_HOST: "127.0.0.1",
    REMOTE_ADDRESS: "127.0.0.1",
    REMOTE_PORT: String(remote.address().port),
    PROXY_TYPE: "udp",
    IDLE_EXIT_SECONDS: "0",
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const relay = await startRelay(parsed.config, { log: silentLog });
  let opened = 0;
  return {
    relay,
    tunnelsOpened: () => opened,
    openTunnel: async () => {
      opened += 1;
      const sock = connect(relay.port, "127.0.0.1");
      await once(sock, "connect");
      return sock;
    },
  };
}

/**
 * Vitest hooks: a remote UDP server (from `remote()`) and an in-process relay to it for the
 * enclosing describe, closed after it. Read them through the returned getters.
 */
export function useInProcessRelay(
  remote: () => Promise<UdpSocket>,
  env: Record<string, string> = {},
): { relay(): RelayServer; openTunnel: () => Promise<Duplex>; tunnelsOpened(): number } {
  let server: UdpSocket | undefined;
  let r: InProcessRelay | undefined;
  beforeAll(async () => {
    server = await remote();
    r = await inProcessRelay(server, env);
  });
  afterAll(async () => {
    await r?.relay.close();
    server?.close();
  });
  const got = () => {
    if (!r) throw new Error("useInProcessRelay: the relay is there once beforeAll has run");
    return r;
  };
  return {
    relay: () => got().relay,
    openTunnel: () => got().openTunnel(),
    tunnelsOpened: () => got().tunnelsOpened(),
  };
}
