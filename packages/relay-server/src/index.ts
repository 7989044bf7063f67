export * from "./codec.ts";
export type { ConfigError, ConfigResult, ProxyType, RelayConfig } from "./config.ts";
export { DEFAULT_BIND_HOST, DEFAULT_IDLE_EXIT_SECONDS, parseRelayConfig } from "./config.ts";
export type { Log, LogLevel } from "./log.ts";
export { silentLog, stdoutLog } from "./log.ts";
export type { RelayOptions, RelayServer } from "./relayServer.ts";
export { startRelay } from "./relayServer.ts";
