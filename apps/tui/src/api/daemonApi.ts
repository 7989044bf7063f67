import type { Config, ConfigInput } from "@ferry/store/schema";

export type { Config, ConfigInput };

export type ForwardState = "starting" | "running" | "reconnecting" | "error" | "stopped";

/** One forward as the daemon reports it; counters are cumulative since the forward started. */
export interface ForwardStatus {
  id: number;
  state: ForwardState;
  pod?: string | null;
  /** The port actually bound while running (differs from the config's when it asked for 0). */
  localPort?: number | null;
  error?: string | null;
  connections?: number;
  bytesIn?: number;
  bytesOut?: number;
}

/** One line of a forward's history ("running", "pod web-1 gone", an error). */
export interface ForwardEvent {
  id: number;
  at: number;
  message: string;
  status?: ForwardStatus;
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
  warnings: string[];
}

export interface KubePort {
  name: string | null;
  port: number;
}

/** Where to look in the cluster: a context (null = current) of a kubeconfig (null = default). */
export interface KubeScope {
  context: string | null;
  kubeconfig: string | null;
}

/** Every call takes an optional signal: Esc abandons a slow call. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Everything the TUI asks of the daemon, in the TUI's words. `trpcDaemonApi` implements it over
 * the daemon's client; component tests use `fakeDaemonApi`.
 */
export interface DaemonApi {
  listConfigs(o?: CallOptions): Promise<Config[]>;
  status(o?: CallOptions): Promise<ForwardStatus[]>;
  createConfig(input: ConfigInput, o?: CallOptions): Promise<Config>;
  updateConfig(id: number, input: ConfigInput, o?: CallOptions): Promise<Config>;
  deleteConfigs(ids: number[], o?: CallOptions): Promise<void>;
  importFile(path: string, o?: CallOptions): Promise<ImportResult>;
  exportFile(path: string, o?: CallOptions): Promise<number>;
  start(ids: number[], o?: CallOptions): Promise<void>;
  stop(ids: number[], o?: CallOptions): Promise<void>;
  startAll(o?: CallOptions): Promise<void>;
  stopAll(o?: CallOptions): Promise<void>;
  contexts(kubeconfig: string | null, o?: CallOptions): Promise<string[]>;
  namespaces(scope: KubeScope, o?: CallOptions): Promise<string[]>;
  services(scope: KubeScope, namespace: string, o?: CallOptions): Promise<string[]>;
  ports(scope: KubeScope, namespace: string, service: string, o?: CallOptions): Promise<KubePort[]>;
  /** Live forward events; returns the unsubscribe function. */
  onEvents?(handler: (event: ForwardEvent) => void): () => void;
  close?(): void;
}
