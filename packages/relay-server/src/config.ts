// The relay is configured only by its environment: the pod template sets these variables.

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
}

export interface ConfigError {
  code: "INVALID_RELAY_CONFIG";
  message: string;
}

export type ConfigResult = { ok: true; config: RelayConfig } | { ok: false; error: ConfigError };

export const DEFAULT_IDLE_EXIT_SECONDS = 600;
export const DEFAULT_BIND_HOST = "0.0.0.0";

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, allowZero: boolean): number | string {
  const raw = env[name]?.trim();
  if (!raw) return `${name} is not set`;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > 65535)
    return `${name} must be a port number (${allowZero ? 0 : 1}-65535), got "${raw}"`;
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

  const rawIdle = env.IDLE_EXIT_SECONDS?.trim();
  const idleSeconds = rawIdle ? Number(rawIdle) : DEFAULT_IDLE_EXIT_SECONDS;
  if (!Number.isFinite(idleSeconds) || idleSeconds < 0)
    problems.push(`IDLE_EXIT_SECONDS must be a number of seconds >= 0, got "${rawIdle}"`);

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
      idleExitMs: Math.round(idleSeconds * 1000),
    },
  };
}
