// @ferry/store/client: what the CLI, the TUI and the tray's renderer share to talk to ferryd.
// Browser-safe: nothing here (or below it) imports a Node builtin; clientBundle.test.ts checks it
// by bundling this entry for the browser. Finding or starting the daemon is @ferry/store/node.
// The client itself and its display helpers are core.ts (@ferry/store/client/core), re-exported.

export type {
  HttpExchangeDetail,
  HttpExchangeSummary,
  HttpLogSettings,
} from "@ferry/http-log";
export type { ImportItem, ImportReport } from "../configs/importReport.ts";
export { LATEST_VERSION as SCHEMA_VERSION } from "../db/migrations.ts";
export {
  type DiscoverApplyInput,
  DiscoverApplyInputSchema,
  type DiscoverPlanInput,
  DiscoverPlanInputSchema,
} from "../discovery/discoverInput.ts";
export {
  type DiscoverReport,
  type DiscoveryEvent,
  summarize,
} from "../discovery/discoverReport.ts";
export type {
  Candidate,
  DiscoveredKind,
  DiscoveryProblem,
  Origin,
} from "../discovery/discoveryTypes.ts";
export type { PlanAction, PlanRow } from "../discovery/planDiscovery.ts";
export * from "../schema/index.ts";
export {
  type SyncErrorInfo,
  type SyncFlags,
  type SyncReport,
  type SyncSource,
  type SyncSourceInput,
  SyncSourceInputSchema,
  type SyncStatus,
} from "../sync/syncTypes.ts";
export { browserUrl } from "./browserUrl.ts";
export { byteRate } from "./byteRate.ts";
export {
  checkForm,
  emptyForm,
  FIELD_LABELS,
  type FieldMessages,
  FORM_FIELDS,
  type FormCheck,
  type FormField,
  type FormValues,
  formErrorsFrom,
  formFromConfig,
  formInput,
  visibleFields,
} from "./configForm.ts";
export * from "./core.ts";
export { duplicateForm } from "./duplicateForm.ts";
export { type ExchangeCells, exchangeCells } from "./exchangeCells.ts";
export { type ExchangeHead, exchangeHead } from "./exchangeHead.ts";
export { exchangePath } from "./exchangePath.ts";
export { fieldErrors, issueField } from "./fieldErrors.ts";
export { forwardRow } from "./forwardRow.ts";
export {
  CURRENT_CONTEXT_LABEL,
  type GroupBy,
  groupRows,
  NO_GROUP_LABEL,
  type RowGroup,
} from "./groupRows.ts";
export {
  type HttpLogLimitValues,
  httpLogLimitsFromConfig,
  httpLogLimitsPatch,
} from "./httpLogLimitsForm.ts";
export { type KubePod, labelSelectors } from "./labelSelectors.ts";
export {
  exchangeDetail,
  type LiveExchanges,
  type LiveExchangesOptions,
  liveExchanges,
} from "./liveExchanges.ts";
export { type LoopbackUse, loopbackUse } from "./loopbackUse.ts";
export { matchesSearch } from "./matchesSearch.ts";
export { planTargetText } from "./planTargetText.ts";
export { type PortsQuery, portsQueryOf } from "./portsQueryOf.ts";
export { SETTING_KEYS, type SettingKeyName } from "./settingKeys.ts";
