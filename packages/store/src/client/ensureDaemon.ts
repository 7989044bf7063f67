import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { type DaemonFile, readDaemonFile } from "../daemon/daemonFile.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";

/** Path of the ferryd entry point, run by this same Node. */
export const FERRYD_BIN = join(import.meta.dirname, "../bin/ferryd.ts");

/** True when daemon.json's daemon answers `daemon.info` with its token. */
export async function daemonAnswers(daemon: DaemonFile, timeoutMs = 2_000): Promise<boolean> {
  try {
    const res = await fetch(`${daemon.url}/daemon.info`, {
      headers: { authorization: `Bearer ${daemon.token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** The running daemon's file, or null when there is none (or it no longer answers). */
export async function findDaemon(home?: string): Promise<DaemonFile | null> {
  const daemon = readDaemonFile(resolveFerryHome(home));
  return daemon && (await daemonAnswers(daemon)) ? daemon : null;
}

export class DaemonStartError extends Error {
  readonly code = "DAEMON_START_FAILED";
}

/**
 * Returns the running daemon, starting `ferryd` detached when there is none, and waits until its
 * daemon.json answers. Several callers racing here end with one daemon: ferryd's lock decides.
 */
export async function ensureDaemon(
  options: { home?: string; timeoutMs?: number } = {},
): Promise<{ daemon: DaemonFile; started: boolean }> {
  const home = resolveFerryHome(options.home);
  const running = await findDaemon(home);
  if (running) return { daemon: running, started: false };
  mkdirSync(home, { recursive: true, mode: 0o700 });
  // The daemon's own stdout/stderr (early crashes) go to daemon.out beside daemon.log.
  const out = openSync(join(home, "daemon.out"), "a", 0o600);
  const child = spawn(process.execPath, [FERRYD_BIN], {
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, FERRY_HOME: home },
  });
  closeSync(out);
  let exited: number | null = null;
  child.on("exit", (code) => {
    exited = code ?? 1;
  });
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    const daemon = await findDaemon(home);
    if (daemon) return { daemon, started: daemon.pid === child.pid };
    if (exited !== null && exited !== 0) {
      throw new DaemonStartError(
        `ferryd exited with code ${exited}; see ${join(home, "daemon.out")} and daemon.log`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new DaemonStartError(
    `ferryd did not answer within ${(options.timeoutMs ?? 20_000) / 1000}s; see ${join(home, "daemon.log")}`,
  );
}
