// Public API of @ferry/store. The config store (issue 2) and the daemon (issue 5) both export here.

// The daemon's API types and client (issue 5). The daemon itself (runDaemon, appRouter) is not
// re-exported: it loads the engine and the kube client, which a UI process should not pay for.
export type { AppRouter } from "./api/root.ts";
export * from "./client/nodeCompat.ts";
export type { ConfigStore, OpenStoreOptions } from "./configs/configStore.ts";
export type { ImportItem, ImportOptions, ImportReport } from "./configs/importReport.ts";
export { openStore } from "./configs/openStore.ts";
export { writeFileAtomic } from "./configs/writeFileAtomic.ts";
export * from "./schema/index.ts";
