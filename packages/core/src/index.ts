export { createEngine, type Engine, type EngineOptions } from "./engine.ts";
export {
  FerryError,
  type FerryErrorCode,
  FerryForwardError,
  PodPortRefusedError,
  toForwardError,
} from "./errors.ts";
export * from "./kube/index.ts";
export * from "./portforward/index.ts";
export * from "./ports/index.ts";
export * from "./relay/index.ts";
export * from "./resolve/index.ts";
export { HttpLogUnsupportedError } from "./tcp/forwardHttpLog.ts";
export * from "./tcp/index.ts";
export type * from "./types.ts";
export * from "./udp/index.ts";
