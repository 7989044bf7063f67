// @ferry/store/client/core: the daemon's typed client and the helpers that show its rows, without
// the config schemas (zod) and forms. All of it is also in @ferry/store/client. It exists for
// start-up time: esbuild cannot tree-shake a barrel that chunks share (the ferry package is split
// into chunks), so a command that only talks to the daemon (`ferry status`) imports this and never
// builds the schemas. Browser-safe, like the rest of the client.

export type {
  ConfigChange,
  DaemonInfo,
  ForwardRow,
  ForwardSelector,
  ForwardUpdate,
  KubeTarget,
  PortInfo,
} from "../api/contextTypes.ts";
export { hasControlCharacters, printable } from "../schema/printable.ts";
export { FerryClientError, ferryErrorOf, isUnreachable } from "./clientError.ts";
export {
  closeFerryClient,
  createFerryClient,
  type FerryClient,
  type FerryClientOptions,
  verifyFerryClient,
} from "./createFerryClient.ts";
export {
  type DaemonSkew,
  daemonSkewLines,
  type HandOverReport,
  type SkewSurface,
} from "./daemonSkew.ts";
export { formatBytes, formatRate } from "./formatBytes.ts";
export { FORWARD_STATES, type ForwardState, isActive } from "./forwardState.ts";
export {
  type LiveForwards,
  type LiveForwardsOptions,
  type LiveState,
  liveForwards,
} from "./liveForwards.ts";
export { localEndText, localPortOf } from "./localEnd.ts";
export { relativeTime } from "./relativeTime.ts";
export type { AppRouter, RouterInputs, RouterOutputs } from "./routerTypes.ts";
export { syncCounts } from "./syncCounts.ts";
export { localText, targetText } from "./targetText.ts";
