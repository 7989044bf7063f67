import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";

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
  const path = daemonFilePath(home);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fd = openSync(temp, "wx", 0o600);
    try {
      writeSync(fd, `${JSON.stringify(info, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
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
