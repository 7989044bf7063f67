export { ensurePrivateDir, sourceCacheDir } from "./cacheDir.ts";
export { type FetchResult, fetchSource } from "./fetchSource.ts";
export { GitSyncError, type GitSyncErrorCode, isGitSyncError } from "./gitSyncError.ts";
export { type PushOptions, type PushResult, pushSource } from "./pushSource.ts";
export type { SourceFile } from "./readSourceFiles.ts";
export type { TransportOptions } from "./repository.ts";
export { parseSourceUrl, type SyncSource } from "./syncSource.ts";
