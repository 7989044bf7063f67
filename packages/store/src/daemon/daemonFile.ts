import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../configs/writeFileAtomic.ts";

/** `$FERRY_HOME/daemon.json`: how clients find and authenticate to the running daemon. */
export interface DaemonFile {
  pid: number;
  host: "127.0.0.1";
  port: number;
  /** Base URL for HTTP calls, e.g. http://127.0.0.1:41234 */
  url: string;
  /** WebSocket URL for subscriptions, e.g. ws://127.0.0.1:41234 */
  wsUrl: string;
  /** Bearer token: `Authorization: Bearer <token>`, or `?token=` on the WebSocket URL. */
  token: string;
  startedAt: number;
  version: string;
}

export const DAEMON_FILE = "daemon.json";

export function daemonFilePath(home: string): string {
  return join(home, DAEMON_FILE);
}

/** Writes daemon.json readable by this user only, atomically (clients never see half a file). */
export function writeDaemonFile(home: string, info: DaemonFile): void {
  writeFileAtomic(daemonFilePath(home), `${JSON.stringify(info, null, 2)}\n`, 0o600);
}

/** The daemon file, or null when absent or unreadable (a daemon is being started or died). */
export function readDaemonFile(home: string): DaemonFile | null {
  try {
    const info = JSON.parse(readFileSync(daemonFilePath(home), "utf8")) as DaemonFile;
    return typeof info.port === "number" && typeof info.token === "string" ? info : null;
  } catch {
    return null;
  }
}

/** What daemon.json says about who owns the home's daemon. */
export type DaemonFileState =
  | { kind: "missing" }
  | { kind: "daemon"; pid: number }
  /** Could not be read (EMFILE, EACCES...) or parsed: says nothing about removal. */
  | { kind: "unreadable"; reason: string };

/**
 * daemon.json's state for the daemon's own check. Only ENOENT means "removed"; any other
 * failure to read it (out of descriptors, say) is no evidence and must not stop the daemon.
 */
export function daemonFileState(home: string): DaemonFileState {
  let text: string;
  try {
    text = readFileSync(daemonFilePath(home), "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { kind: "missing" } : { kind: "unreadable", reason: String(code) };
  }
  try {
    const { pid } = JSON.parse(text) as { pid?: unknown };
    if (typeof pid === "number") return { kind: "daemon", pid };
  } catch {}
  return { kind: "unreadable", reason: "not daemon.json's format" };
}

/** Removes daemon.json only if it still describes this process (a successor may have replaced it). */
export function removeDaemonFile(home: string, pid: number = process.pid): void {
  if (readDaemonFile(home)?.pid === pid) rmSync(daemonFilePath(home), { force: true });
}
