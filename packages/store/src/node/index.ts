// @ferry/store/node: the Node-only half of the client (finding, starting and reaching the
// daemon of a FERRY_HOME). The browser-safe half is @ferry/store/client.

export type { HandOverReport } from "../client/daemonSkew.ts";
export { writeFileAtomic } from "../configs/writeFileAtomic.ts";
export { type DaemonFile, daemonFilePath } from "../daemon/daemonFile.ts";
export { resolveFerryHome } from "../db/ferryHome.ts";
export { compareVersions, FERRY_VERSION, ferryVersion } from "../version.ts";
export { clientOfRunningDaemon, connectDaemon, DaemonNotRunningError } from "./connectDaemon.ts";
export {
  DaemonStartError,
  daemonAnswers,
  type EnsureDaemonOptions,
  type EnsuredDaemon,
  ensureDaemon,
  FERRYD_BIN,
  FERRYD_NODE_FLAGS,
  findDaemon,
} from "./ensureDaemon.ts";
export { loopbackFetch } from "./loopbackFetch.ts";
export { createNodeFerryClient } from "./nodeClient.ts";
export { processAlive } from "./processAlive.ts";
/** daemon.json when it can be trusted (owner and modes checked); null when there is none. */
export { readTrustedDaemonFile as readDaemonFile } from "./trustedDaemonFile.ts";
