export { createRelayForwarder, type RelayEngineOptions } from "./createRelayForwarder.ts";
export { needsRelay } from "./needsRelay.ts";
export {
  DEFAULT_RELAY_IMAGE,
  defaultManifestText,
  fillPlaceholders,
  loadProxyManifest,
  MANIFEST_FILE,
  type ProxyManifest,
} from "./proxyManifest.ts";
export { RelayError, type RelayErrorCode } from "./relayErrors.ts";
export { RelayForwarder, type RelayForwarderDeps } from "./relayForwarder.ts";
export {
  CONFIG_ID_LABEL,
  MANAGED_BY_LABEL,
  OWNER_LABEL,
  ownerSelector,
  relayOwnerId,
} from "./relayLabels.ts";
export {
  LEDGER_FILE,
  type RelayScope,
  readRelayScopes,
  rememberRelayScope,
} from "./relayLedger.ts";
export {
  DEFAULT_READY_TIMEOUT_MS,
  deleteRelayPod,
  type PodRef,
  startRelayPod,
} from "./relayPod.ts";
export { RELAY_POD_PORT, renderRelayPod } from "./renderRelayPod.ts";
export { type SweepOrphansOptions, sweepOrphanRelays } from "./sweepOrphanRelays.ts";
export type { SweepResult } from "./sweepRelayPods.ts";
