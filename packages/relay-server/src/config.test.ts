import { describe, expect, it } from "vitest";
import { parseRelayConfig } from "./config.ts";

const base = {
  LOCAL_PORT: "8080",
  REMOTE_ADDRESS: "db.internal",
  REMOTE_PORT: "5432",
  PROXY_TYPE: "tcp",
};

describe("parseRelayConfig", () => {
  it("reads the env contract with pod defaults", () => {
    expect(parseRelayConfig(base)).toEqual({
      ok: true,
      config: {
        localPort: 8080,
        bindHost: "0.0.0.0",
        remoteAddress: "db.internal",
        remotePort: 5432,
        proxyType: "tcp",
        idleExitMs: 600_000,
        udpFraming: "legacy",
        udpPeerIdleMs: 10_000,
        connectTimeoutMs: 10_000,
      },
    });
  });

  it("takes the bind host, the protocol in any case and a fractional idle time", () => {
    const r = parseRelayConfig({
      ...base,
      BIND_HOST: "127.0.0.1",
      PROXY_TYPE: "UDP",
      IDLE_EXIT_SECONDS: "0.5",
      UDP_FRAMING: "MUX",
      UDP_PEER_IDLE_SECONDS: "2.5",
      CONNECT_TIMEOUT_SECONDS: "3",
    });
    expect(r.ok && r.config).toMatchObject({
      bindHost: "127.0.0.1",
      proxyType: "udp",
      idleExitMs: 500,
      udpFraming: "mux",
      udpPeerIdleMs: 2500,
      connectTimeoutMs: 3000,
    });
  });

  it("lists every problem in one message", () => {
    const r = parseRelayConfig({
      LOCAL_PORT: "x",
      REMOTE_PORT: "70000",
      PROXY_TYPE: "sctp",
      IDLE_EXIT_SECONDS: "-1",
      UDP_FRAMING: "v2",
      UDP_PEER_IDLE_SECONDS: "0",
      CONNECT_TIMEOUT_SECONDS: "soon",
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("INVALID_RELAY_CONFIG");
    for (const part of [
      "LOCAL_PORT",
      "REMOTE_PORT",
      "REMOTE_ADDRESS",
      "PROXY_TYPE",
      "IDLE_EXIT_SECONDS",
      "UDP_FRAMING",
      "UDP_PEER_IDLE_SECONDS",
      "CONNECT_TIMEOUT_SECONDS",
    ])
      expect(r.error.message).toContain(part);
  });
});
