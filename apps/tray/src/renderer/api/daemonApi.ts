import type { Config, ConfigInput } from "@ferry/store/schema";
import type { ForwardStatus } from "../../shared/daemonView.ts";

export type { Config, ConfigInput, ForwardStatus };

/** One live update from the daemon's `forwards.events` subscription, in the renderer's words. */
export interface ForwardEvent {
  id: number;
  at: number;
  kind: "status" | "log" | "traffic";
  /** What a person reads in the events list: the new state, the log line, or "". */
  message: string;
  /** Status events: the forward's status after the change. */
  status?: ForwardStatus;
  /** Traffic events: the forward's cumulative counters. */
  traffic?: { bytesIn: number; bytesOut: number; connections: number };
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
  warnings: string[];
}

export interface KubePorts {
  name: string | null;
  port: number;
}

export interface DaemonInfo {
  version: string;
  pid: number;
  home: string;
  url: string;
}

/**
 * Everything the renderer asks of the daemon, in the renderer's words. One adapter implements
 * it over tRPC; tests drive the components with an in-memory one.
 */
export interface DaemonApi {
  listConfigs(): Promise<Config[]>;
  status(): Promise<ForwardStatus[]>;
  createConfig(input: ConfigInput): Promise<Config>;
  updateConfig(id: number, input: ConfigInput): Promise<Config>;
  deleteConfigs(ids: number[]): Promise<void>;
  importConfigs(text: string): Promise<ImportResult>;
  exportConfigs(): Promise<string>;
  start(ids: number[]): Promise<void>;
  stop(ids: number[]): Promise<void>;
  contexts(kubeconfig: string | null): Promise<string[]>;
  namespaces(context: string | null, kubeconfig: string | null): Promise<string[]>;
  services(context: string | null, kubeconfig: string | null, namespace: string): Promise<string[]>;
  ports(
    context: string | null,
    kubeconfig: string | null,
    namespace: string,
    service: string,
  ): Promise<KubePorts[]>;
  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown): Promise<void>;
  daemonInfo(): Promise<DaemonInfo>;
  /** Live forward events; returns the unsubscribe function. */
  onEvents(handler: (event: ForwardEvent) => void, onError?: (message: string) => void): () => void;
}
