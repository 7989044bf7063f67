// @ferry/store/client: what the CLI, TUI and tray use to reach ferryd.

export type {
  DaemonInfo,
  ForwardRow,
  ForwardSelector,
  KubeTarget,
  PortInfo,
} from "../api/contextTypes.ts";
export type { AppRouter } from "../api/root.ts";
export { type DaemonFile, readDaemonFile } from "../daemon/daemonFile.ts";
export { resolveFerryHome } from "../db/ferryHome.ts";
export {
  closeFerryClient,
  createFerryClient,
  DaemonNotRunningError,
  type FerryClient,
  type FerryClientOptions,
} from "./createFerryClient.ts";
export {
  DaemonStartError,
  daemonAnswers,
  ensureDaemon,
  FERRYD_BIN,
  findDaemon,
} from "./ensureDaemon.ts";
export { type ClientError, ferryErrorOf } from "./ferryErrorOf.ts";
