import type { ForwardState } from "@ferry/core";
import type { ImportOptions } from "../configs/importReport.ts";

/** One row of `forwards.status`: the config's identity plus what the runtime knows of it. */
export interface ForwardRow {
  id: number;
  alias: string;
  context: string | null;
  namespace: string;
  /** "svc/web:80", "pod/app=auth:8080" or "proxy/db.internal:5432" (plus "/udp" for UDP). */
  target: string;
  localAddress: string;
  /** The bound port when running, else the configured one (null = same as remote). */
  localPort: number | null;
  state: ForwardState;
  pod: string | null;
  error: { code: string; message: string } | null;
  connections: number;
  bytesIn: number;
  bytesOut: number;
  /** Epoch ms of the last state change (0 when never started by this daemon). */
  since: number;
  /** The forward's HTTP log (issue 17): on or off, its file, exchanges logged since it started. */
  httpLog: { enabled: boolean; file: string | null; exchanges: number };
}

/**
 * One push of `forwards.events`: the forward's whole row after the change (the same type
 * `forwards.status` returns), what changed, and the log line for `kind: "log"`.
 */
export interface ForwardUpdate {
  kind: "status" | "traffic" | "log";
  /** Epoch ms of the change. */
  at: number;
  row: ForwardRow;
  log: { level: "info" | "warn" | "error"; message: string } | null;
}

/** Which forwards a start/stop applies to. Several fields combine (union); `context` narrows. */
export interface ForwardSelector {
  ids?: number[];
  aliases?: string[];
  /** Every config whose `group` is this. */
  group?: string;
  context?: string;
  all?: boolean;
}

/** The forwarding runtime as the API sees it (implemented by daemon/runtime.ts). */
export interface Runtime {
  start(selector: ForwardSelector): Promise<ForwardRow[]>;
  stop(selector: ForwardSelector): Promise<ForwardRow[]>;
  status(): ForwardRow[];
  /** The forward's recent state changes and log lines, oldest first (kept in memory). */
  history(id: number): ForwardUpdate[];
  /** Listens to every update; returns the unsubscribe function. */
  subscribe(listener: (update: ForwardUpdate) => void): () => void;
}

export interface KubeTarget {
  kubeconfig?: string | null;
  context?: string | null;
}

/** Read-only kube queries that fill the UIs' forms. */
export interface KubeBrowser {
  contexts(
    kubeconfig?: string | null,
  ): Promise<{ name: string; cluster: string; namespace: string | null; current: boolean }[]>;
  namespaces(target: KubeTarget): Promise<string[]>;
  services(
    target: KubeTarget & { namespace: string },
  ): Promise<{ name: string; ports: PortInfo[] }[]>;
  pods(
    target: KubeTarget & { namespace: string; labelSelector?: string },
  ): Promise<{ name: string; ready: boolean; labels: Record<string, string> }[]>;
  ports(
    target: KubeTarget & { namespace: string; service?: string; labelSelector?: string },
  ): Promise<PortInfo[]>;
}

export interface PortInfo {
  name: string | null;
  port: number;
  protocol: string;
}

export interface DaemonInfo {
  pid: number;
  version: string;
  home: string;
  url: string;
  startedAt: number;
  uptimeMs: number;
  forwards: { total: number; running: number };
  engine: "ready" | "unavailable";
  logFile: string;
  /** The configs.db schema version this daemon writes (`SCHEMA_VERSION`). */
  schemaVersion: number;
  /** `sha256:<hex>` of the relay program the daemon deploys; absent when it is not built. */
  relayBundle?: string;
}

export interface DaemonControl {
  info(): DaemonInfo;
  /** Starts a graceful shutdown after the reply is sent. */
  shutdown(): void;
  /**
   * Version skew (issue 20): marks every running forward desired running, then shuts down after
   * the reply (desired states kept), so the caller's daemon restores them.
   */
  handOver(toVersion: string): HandOverReply;
}

/** What an old daemon answers to `daemon.handOver`. */
export interface HandOverReply {
  stopping: true;
  /** This daemon's version. */
  version: string;
  /** The forwards that were running: the next daemon restores them. */
  forwards: string[];
  /** Epoch ms when it began stopping them. */
  at: number;
}

/** One import: its text, or the path of a file the daemon reads (for files over the body limit). */
export interface ImportRequest {
  text?: string;
  path?: string;
  options: ImportOptions;
}

/** One push of `configs.changes`: which configs a create, update, delete or import touched. */
export interface ConfigChange {
  at: number;
  created: number[];
  updated: number[];
  deleted: number[];
}

/** Config changes, fanned out to `configs.changes` subscribers. */
export interface ConfigEvents {
  publish(change: Omit<ConfigChange, "at">): void;
  subscribe(listener: (change: ConfigChange) => void): () => void;
}
