import type { FerryClient } from "@ferry/store/client";

// The store's `sync` router area as CONTRACT.md (C) gives it. Until it is on main the client's
// type does not have it; this view is replaced by the router's own types when it lands.

export interface SyncProblem {
  code: string;
  message: string;
}

export interface SyncReport {
  source: string;
  commit: string | null;
  added: string[];
  updated: string[];
  unchanged: number;
  removed: string[];
  flagged: string[];
  localChanges: string[];
  restarted: string[];
  error: SyncProblem | null;
}

export interface SyncSource {
  name: string;
  url: string;
  ref: string;
  path: string;
  intervalSeconds: number;
  prune: boolean;
  context: string | null;
  kubeconfig: string | null;
  tokenEnv: string | null;
  tokenFile: string | null;
  caFile: string | null;
  username: string | null;
  authScheme: string | null;
  status: {
    lastSyncAt: number | null;
    lastCommit: string | null;
    lastError: SyncProblem | null;
    lastReport: SyncReport | null;
    nextSyncAt: number | null;
    syncing: boolean;
  };
}

export interface SyncAddInput {
  name: string;
  url: string;
  ref?: string;
  path: string;
  intervalSeconds?: number;
  prune?: boolean;
  context?: string;
  kubeconfig?: string;
  tokenEnv?: string;
  tokenFile?: string;
  caFile?: string;
  username?: string;
  authScheme?: "basic" | "bearer";
}

interface SyncRouterView {
  add: { mutate(i: SyncAddInput): Promise<SyncSource> };
  list: { query(): Promise<SyncSource[]> };
  remove: { mutate(i: { name: string; keepConfigs?: boolean }): Promise<{ removed: number }> };
  now: { mutate(i: { name?: string; force?: boolean }): Promise<SyncReport[]> };
  push: {
    mutate(i: {
      name: string;
      message?: string;
      all?: boolean;
    }): Promise<{ commit: string | null; pushed: boolean }>;
  };
}

export const syncApi = (client: FerryClient): SyncRouterView =>
  (client as unknown as { sync: SyncRouterView }).sync;
