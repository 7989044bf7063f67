export * from "./codec.ts";
export type { ConfigError, ConfigResult, ProxyType, RelayConfig } from "./config.ts";
export {
  DEFAULT_BIND_HOST,
  DEFAULT_CONNECT_TIMEOUT_SECONDS,
  DEFAULT_IDLE_EXIT_SECONDS,
  DEFAULT_UDP_PEER_IDLE_SECONDS,
  parseRelayConfig,
} from "./config.ts";
export type { Log, LogLevel } from "./log.ts";
export { silentLog, stdoutLog } from "./log.ts";
export type { RelayOptions, RelayServer } from "./relayServer.ts";
export { startRelay } from "./relayServer.ts";
export { CONNECT_FAILED_PREFIX, connectFailedLine } from "./resolveRemote.ts";
