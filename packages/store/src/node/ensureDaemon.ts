import { spawn } from "node:child_process";
import { join } from "node:path";
import type { DaemonSkew } from "../client/daemonSkew.ts";
import { verifyDaemon } from "../client/verifyDaemon.ts";
import type { DaemonFile } from "../daemon/daemonFile.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";
import { compareVersions, ferryVersion } from "../version.ts";
import { askToHandOver, awaitRestore } from "./handOver.ts";
import { loopbackFetch } from "./loopbackFetch.ts";
import { readTrustedDaemonFile } from "./trustedDaemonFile.ts";

/** Path of the ferryd entry point, run by this same Node. */
export const FERRYD_BIN = join(import.meta.dirname, "../bin/ferryd.ts");

/**
 * Node flags for ferryd, wherever it is started (here, the login service). A young generation
 * capped at 4 MiB per semi-space: V8 otherwise keeps some 60 MiB of it committed after traffic
 * (bench/HANDOVER.md §5: RSS -36 to -59 MiB after the concurrency row; 1 MiB doubled the
 * Mark-Compacts, so not lower).
 */
export const FERRYD_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4"];

/** True when `check` resolves within `timeoutMs`; false when it fails or takes longer. */
export function passesWithin(check: Promise<void>, timeoutMs = 2_000): Promise<boolean> {
  const timeout = new Promise<false>((r) => setTimeout(() => r(false), timeoutMs).unref());
  return Promise.race([
    check.then(
      () => true,
      () => false,
    ),
    timeout,
  ]);
}

/** True when daemon.json's daemon answers, proving it holds the token (the token is not sent). */
export function daemonAnswers(daemon: DaemonFile, timeoutMs = 2_000): Promise<boolean> {
  return passesWithin(verifyDaemon(daemon.url, daemon.token, loopbackFetch), timeoutMs);
}

/** The running daemon's file, or null when there is none (or it no longer answers). */
export async function findDaemon(home?: string): Promise<DaemonFile | null> {
  const daemon = readTrustedDaemonFile(resolveFerryHome(home));
  return daemon && (await daemonAnswers(daemon)) ? daemon : null;
}

/** ferryd refused to start; `code`/`message` are its own (e.g. HOME_NOT_WRITABLE). */
export class DaemonStartError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

function startFailure(stderr: string, exitCode: number): DaemonStartError {
  for (const line of stderr.trim().split("\n").reverse()) {
    try {
      const { code, message } = JSON.parse(line) as { code?: string; message?: string };
      if (code && message) return new DaemonStartError(code, message);
    } catch {}
  }
  const tail = stderr.trim().split("\n").slice(-5).join("\n");
  return new DaemonStartError(
    "DAEMON_START_FAILED",
    `ferryd exited with code ${exitCode}${tail ? `:\n${tail}` : ""}`,
  );
}

export interface EnsureDaemonOptions {
  home?: string;
  timeoutMs?: number;
  /** This client's version (default: ferryVersion(), i.e. FERRY_VERSION_OVERRIDE or Ferry's). */
  version?: string;
  /** Take over from a daemon of an older version (default true). */
  handOver?: boolean;
}

/**
 * `handOver` is set when an older daemon handed over to this client's (issue 20): what came back,
 * the gap. `newerDaemon` when the running daemon is newer than this client: it is used as it is.
 */
export interface EnsuredDaemon extends DaemonSkew {
  daemon: DaemonFile;
  started: boolean;
}

/**
 * Returns the running daemon, starting `ferryd` detached when there is none, and waits until its
 * daemon.json answers. Several callers racing here end with one daemon: ferryd's lock decides.
 * A daemon of an older version than this client is asked to hand over (it stops, keeping its
 * forwards as desired state); the new ferryd restores them, and the report says what came back
 * and how long the forwards were down.
 */
export async function ensureDaemon(options: EnsureDaemonOptions = {}): Promise<EnsuredDaemon> {
  const home = resolveFerryHome(options.home);
  const version = options.version ?? ferryVersion();
  const timeoutMs = options.timeoutMs ?? 20_000;
  const running = await findDaemon(home);
  if (running) {
    const skew = compareVersions(running.version ?? "0", version);
    if (skew > 0)
      return {
        daemon: running,
        started: false,
        newerDaemon: { daemon: running.version, client: version },
      };
    if (skew === 0 || options.handOver === false) return { daemon: running, started: false };
    const handed = await askToHandOver(running, version, timeoutMs);
    const started = await startDaemon(home, timeoutMs);
    const handOver = await awaitRestore(started.daemon, handed, running.version, timeoutMs);
    return { ...started, handOver };
  }
  return startDaemon(home, timeoutMs);
}

/** A ferryd started detached: its stderr so far, and how and when it exited, once it has. */
interface SpawnedFerryd {
  pid: number | undefined;
  stderr(): string;
  exit(): { code: number; at: number } | null;
  /** Stops reading stderr and lets this process exit without waiting for ferryd. */
  letGo(): void;
}

function spawnFerryd(home: string): SpawnedFerryd {
  // stderr is read only until the daemon answers: a refusal to start (unwritable home, foreign
  // configs.db) arrives there as one JSON line { code, message }.
  const child = spawn(process.execPath, [...FERRYD_NODE_FLAGS, FERRYD_BIN], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, FERRY_HOME: home },
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  let exit: { code: number; at: number } | null = null;
  child.on("exit", (code) => {
    exit = { code: code ?? 1, at: Date.now() };
  });
  return {
    pid: child.pid,
    stderr: () => stderr,
    exit: () => exit,
    letGo: () => {
      child.stderr?.destroy();
      child.unref();
    },
  };
}

/**
 * How long after our ferryd stepped aside ("already running") a daemon may take to answer
 * before we start another: the one that won may have died starting up.
 */
const WINNER_GRACE_MS = 3_000;

/** Starts ferryd detached and waits until a daemon answers (ours, or one that won the lock). */
async function startDaemon(
  home: string,
  timeoutMs: number,
): Promise<{ daemon: DaemonFile; started: boolean }> {
  let child = spawnFerryd(home);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const daemon = await findDaemon(home);
      if (daemon && daemon.pid === child.pid) return { daemon, started: true };
      if (daemon) {
        // Another caller's ferryd won the lock; ours exits on its own. Wait for that, so that
        // when this returns there is exactly one ferryd for this home.
        while (child.exit() === null && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 25));
        }
        return { daemon, started: false };
      }
      const exit = child.exit();
      if (exit && exit.code !== 0) throw startFailure(child.stderr(), exit.code);
      if (exit && Date.now() - exit.at > WINNER_GRACE_MS) {
        child.letGo();
        child = spawnFerryd(home);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.letGo();
  }
  throw new DaemonStartError(
    "DAEMON_START_FAILED",
    `ferryd did not answer within ${timeoutMs / 1000} s; see ${join(home, "daemon.log")}`,
  );
}
