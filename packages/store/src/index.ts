// Public API of @ferry/store. The config store (issue 2) and the daemon (issue 5) both export here.

// The daemon's API and client (issue 5).
export type { AppRouter } from "./api/root.ts";
export { appRouter } from "./api/root.ts";
export * from "./client/index.ts";
export type { ConfigStore, OpenStoreOptions } from "./configs/configStore.ts";
export type { ImportItem, ImportOptions, ImportReport } from "./configs/importReport.ts";
export { openStore } from "./configs/openStore.ts";
export { writeFileAtomic } from "./configs/writeFileAtomic.ts";
export { runDaemon } from "./daemon/runDaemon.ts";
export { resolveFerryHome } from "./db/ferryHome.ts";
export * from "./schema/index.ts";
