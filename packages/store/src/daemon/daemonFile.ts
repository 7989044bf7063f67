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

/** Removes daemon.json only if it still describes this process (a successor may have replaced it). */
export function removeDaemonFile(home: string, pid: number = process.pid): void {
  if (readDaemonFile(home)?.pid === pid) rmSync(daemonFilePath(home), { force: true });
}
