// The relay is configured only by its environment: the pod template sets these variables.
import { DEFAULT_UDP_FRAMING, type UdpFraming } from "./muxCodec.ts";

export type ProxyType = "tcp" | "udp";

export interface RelayConfig {
  /** Port to listen on; 0 picks a free one (tests). */
  localPort: number;
  /** Address to listen on: 0.0.0.0 in a pod, 127.0.0.1 under kube-sim. */
  bindHost: string;
  /** Host name or IP the relay connects to; resolved again for every connection. */
  remoteAddress: string;
  remotePort: number;
  proxyType: ProxyType;
  /** Exit after this long with no connection; 0 never exits. */
  idleExitMs: number;
  /** UDP only: legacy (one peer per tunnel) or mux (peer id in every frame). */
  udpFraming: UdpFraming;
  /** Mux only: a peer's UDP socket is closed after this long with no datagram either way. */
  udpPeerIdleMs: number;
  /** TCP only: a connection to the remote not made within this long fails with ETIMEDOUT. */
  connectTimeoutMs: number;
}

export interface ConfigError {
  code: "INVALID_RELAY_CONFIG";
  message: string;
}

export type ConfigResult = { ok: true; config: RelayConfig } | { ok: false; error: ConfigError };

export const DEFAULT_IDLE_EXIT_SECONDS = 600;
export const DEFAULT_BIND_HOST = "0.0.0.0";
export const DEFAULT_UDP_PEER_IDLE_SECONDS = 10;
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, allowZero: boolean): number | string {
  const raw = env[name]?.trim();
  if (!raw) return `${name} is not set`;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535)
    return `${name} must be a port number (${allowZero ? 0 : 1}-65535), got "${raw}"`;
  return n;
}

function seconds(env: Env, name: string, fallback: number, min: number): number | string {
  const raw = env[name]?.trim();
  const n = raw ? Number(raw) : fallback;
  if (!Number.isFinite(n) || n < min)
    return `${name} must be a number of seconds ${min > 0 ? "> 0" : ">= 0"}, got "${raw}"`;
  return n;
}

export function parseRelayConfig(env: Env): ConfigResult {
  const problems: string[] = [];
  const localPort = port(env, "LOCAL_PORT", true);
  const remotePort = port(env, "REMOTE_PORT", false);
  if (typeof localPort === "string") problems.push(localPort);
  if (typeof remotePort === "string") problems.push(remotePort);

  const remoteAddress = env.REMOTE_ADDRESS?.trim() ?? "";
  if (!remoteAddress) problems.push("REMOTE_ADDRESS is not set");

  const rawType = (env.PROXY_TYPE?.trim() || "tcp").toLowerCase();
  if (rawType !== "tcp" && rawType !== "udp")
    problems.push(`PROXY_TYPE must be "tcp" or "udp", got "${env.PROXY_TYPE}"`);

  const rawFraming = (env.UDP_FRAMING?.trim() || DEFAULT_UDP_FRAMING).toLowerCase();
  if (rawFraming !== "mux" && rawFraming !== "legacy")
    problems.push(`UDP_FRAMING must be "mux" or "legacy", got "${env.UDP_FRAMING}"`);

  const idleSeconds = seconds(env, "IDLE_EXIT_SECONDS", DEFAULT_IDLE_EXIT_SECONDS, 0);
  const peerIdle = seconds(env, "UDP_PEER_IDLE_SECONDS", DEFAULT_UDP_PEER_IDLE_SECONDS, 0.001);
  const connectTimeout = seconds(
    env,
    "CONNECT_TIMEOUT_SECONDS",
    DEFAULT_CONNECT_TIMEOUT_SECONDS,
    0.001,
  );
  for (const v of [idleSeconds, peerIdle, connectTimeout])
    if (typeof v === "string") problems.push(v);

  if (problems.length > 0) {
    return {
      ok: false,
      error: { code: "INVALID_RELAY_CONFIG", message: `relay not started: ${problems.join("; ")}` },
    };
  }
  return {
    ok: true,
    config: {
      localPort: localPort as number,
      bindHost: env.BIND_HOST?.trim() || DEFAULT_BIND_HOST,
      remoteAddress,
      remotePort: remotePort as number,
      proxyType: rawType as ProxyType,
      idleExitMs: Math.round((idleSeconds as number) * 1000),
      udpFraming: rawFraming as UdpFraming,
      udpPeerIdleMs: Math.round((peerIdle as number) * 1000),
      connectTimeoutMs: Math.round((connectTimeout as number) * 1000),
    },
  };
}
