import { randomBytes } from "node:crypto";
import { fstatSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { needsRelay } from "@ferry/core";
import type { DaemonInfo } from "../api/contextTypes.ts";
import { isActive } from "../client/forwardState.ts";
import { SETTING_KEYS } from "../client/settingKeys.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import { openStore } from "../configs/openStore.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";
import { LATEST_VERSION } from "../db/migrations.ts";
import { ferryVersion } from "../version.ts";
import { startApiServer } from "./apiServer.ts";
import { createConfigEvents } from "./configEvents.ts";
import {
  daemonFileState,
  readDaemonFile,
  removeDaemonFile,
  writeDaemonFile,
} from "./daemonFile.ts";
import { createDaemonLog } from "./daemonLog.ts";
import { createDiscoveryService } from "./discoveryService.ts";
import { loadEngine } from "./engineHost.ts";
import { engineTuning } from "./engineSettings.ts";
import { watchIdle } from "./idleTimeout.ts";
import { runImport } from "./importJob.ts";
import { acquireInstanceLock } from "./instanceLock.ts";
import { createKubeBrowser, kubeApiFor } from "./kubeBrowser.ts";
import { createLiveDiscovery } from "./liveDiscovery.ts";
import { relayBundleDigest } from "./relayBundleDigest.ts";
import { createRuntime } from "./runtime.ts";
import { createSyncService } from "./syncService.ts";
import { createWriteQueue } from "./writeQueue.ts";

export interface RunningDaemon {
  port: number;
  /** Stops every forward, deletes relay pods, closes the API, removes daemon.json, releases the lock. */
  shutdown(reason: string): Promise<void>;
  /** Resolves once shutdown has finished. */
  closed: Promise<void>;
}

export type RunDaemonResult =
  | { started: true; daemon: RunningDaemon }
  | { started: false; pid: number | null };

/** Extra browser origins (the tray renderer's): FERRY_ALLOWED_ORIGINS, comma-separated. */
function allowedOrigins(env: NodeJS.ProcessEnv, fromSettings: unknown): string[] {
  const list = (env.FERRY_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (Array.isArray(fromSettings))
    for (const o of fromSettings) if (typeof o === "string") list.push(o);
  return list;
}

/**
 * True when stderr is the journal: systemd sets JOURNAL_STREAM to its `device:inode`, and a
 * shell started from a systemd-run terminal may inherit the variable with another stderr.
 */
function stderrIsJournal(env: NodeJS.ProcessEnv): boolean {
  if (!env.JOURNAL_STREAM) return false;
  try {
    const { dev, ino } = fstatSync(2);
    return env.JOURNAL_STREAM === `${dev}:${ino}`;
  } catch {
    return false;
  }
}

/** A string setting, trimmed, `~/` expanded; undefined when unset or empty. */
function textSetting(store: ConfigStore, key: string): string | undefined {
  const value = store.settings.get(key);
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const text = value.trim();
  return text.startsWith("~/") ? join(homedir(), text.slice(2)) : text;
}

/**
 * Starts the daemon for FERRY_HOME: lock, store, engine, API, daemon.json, orphan sweep, auto-start.
 * When another daemon holds the lock, returns `{ started: false }` and touches nothing.
 */
export async function runDaemon(
  options: { home?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunDaemonResult> {
  const env = options.env ?? process.env;
  const home = resolveFerryHome(options.home, env);
  // The store first: it creates FERRY_HOME and refuses an unwritable home or a foreign
  // configs.db with the words the CLI shows (opening it twice at once is safe: SQLite locks).
  const store = openStore({ home });
  const lock = acquireInstanceLock(home);
  if (!lock) {
    store.close();
    return { started: false, pid: readDaemonFile(home)?.pid ?? null };
  }

  const token = randomBytes(32).toString("base64url");
  // Under systemd (`ferry daemon install`), stderr is the journal: `journalctl` shows the log too.
  const log = createDaemonLog(home, {
    secrets: () => [token],
    echo: stderrIsJournal(env) ? process.stderr : undefined,
  });
  const startedAt = Date.now();
  const version = ferryVersion(env);
  log.info(`ferryd ${version} starting in ${home} (pid ${process.pid})`);
  // A daemon killed with -9 leaves its daemon.json behind; it points at a dead port, so drop it.
  removeDaemonFile(home, readDaemonFile(home)?.pid ?? -1);

  const engine = await loadEngine({
    home,
    log,
    relayImage: textSetting(store, "relay.image"),
    relayManifestPath: textSetting(store, SETTING_KEYS.proxyManifestPath),
    tuning: engineTuning(
      (key) => store.settings.get(key),
      (message) => log.warn(message),
    ),
    relayScopes: () =>
      store
        .list()
        .filter(needsRelay)
        .map((c) => ({ kubeconfig: c.kubeconfig, context: c.context, namespace: c.namespace })),
  });
  const runtime = createRuntime(store, engine, log);
  const stopIdleWatch = watchIdle(store, runtime, log);
  const writes = createWriteQueue();
  let stopping: Promise<void> | null = null;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => {
    resolveClosed = r;
  });

  const info = (): DaemonInfo => {
    const rows = runtime.status();
    return {
      pid: process.pid,
      version,
      home,
      url: `http://127.0.0.1:${server.port}`,
      startedAt,
      uptimeMs: Date.now() - startedAt,
      forwards: { total: rows.length, running: rows.filter((r) => r.state === "running").length },
      engine: engine.available ? "ready" : "unavailable",
      logFile: log.path,
      schemaVersion: LATEST_VERSION,
      relayBundle: relayBundleDigest(),
    };
  };
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      log.info(`shutting down (${reason})`);
      liveDiscovery.close();
      sync.close();
      stopIdleWatch();
      await runtime.stopEverything().catch((err) => log.error(`stopping forwards: ${err}`));
      await engine.close().catch((err) => log.error(`closing engine: ${err}`));
      runtime.dispose();
      await server.close();
      removeDaemonFile(home);
      store.close();
      lock.release();
      log.info("stopped");
      resolveClosed();
    })();
    return stopping;
  };

  const configEvents = createConfigEvents();
  const discovery = createDiscoveryService({ store, runtime, write: writes.run, configEvents });
  const liveDiscovery = createLiveDiscovery({ store, discovery, log });
  const sync = createSyncService({
    home,
    store,
    runtime,
    write: writes.run,
    configEvents,
    log,
  });
  const server = await startApiServer(
    {
      home,
      store,
      runtime,
      discovery,
      liveDiscovery,
      sync,
      kube: createKubeBrowser(kubeApiFor),
      daemon: {
        info,
        shutdown: () => setImmediate(() => void shutdown("daemon.shutdown")),
        handOver(toVersion) {
          const running = runtime.status().filter((r) => isActive(r.state));
          store.desired.set(
            running.map((r) => r.id),
            true,
          );
          const forwards = running.map((r) => r.alias);
          log.info(
            `handing over to ferry ${toVersion}: stopping; the next daemon restores ${forwards.length} forward(s)${forwards.length ? `: ${forwards.join(", ")}` : ""}`,
          );
          setImmediate(() => void shutdown(`hand-over to ${toVersion}`));
          return { stopping: true, version, forwards, at: Date.now() };
        },
      },
      write: writes.run,
      configEvents,
      importConfigs: (request) => runImport(store, { ...request, home }),
    },
    {
      token,
      allowedOrigins: allowedOrigins(env, store.settings.get("daemon.allowed_origins")),
      log,
    },
  );
  writeDaemonFile(home, {
    pid: process.pid,
    host: "127.0.0.1",
    port: server.port,
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    token,
    startedAt,
    version,
  });
  log.info(
    `listening on 127.0.0.1:${server.port}; engine ${engine.available ? "ready" : "unavailable"}`,
  );

  liveDiscovery.reload();
  sync.start();
  // Relay pods from a crashed predecessor go first, then the forwards to restore: those the user
  // left running (desired state, kept across crashes and shutdowns) and those marked auto_start,
  // but not one the user stopped (issue 20: a forward the user stopped stays stopped).
  void (async () => {
    await engine.sweepOrphans();
    const ids = new Set(store.desired.running());
    const stopped = new Set(store.desired.stopped());
    for (const c of store.list()) if (c.auto_start && !stopped.has(c.id)) ids.add(c.id);
    if (ids.size === 0 || stopping) return;
    log.info(`restoring ${ids.size} forward(s)`);
    const { restored, failed } = await runtime.restore([...ids]).catch((err: Error) => {
      log.error(`restore: ${err.message}`);
      return { restored: [], failed: [] };
    });
    if (restored.length > 0) log.info(`restored: ${restored.join(", ")}`);
    if (failed.length > 0) log.warn(`restore failed: ${failed.join("; ")}`);
  })();

  // A daemon no client can find is useless: when daemon.json is removed or taken over (its home
  // deleted, say), this one shuts down instead of running on unseen. A file it cannot read right
  // now (no descriptors left, say) is no sign of either.
  let unreadableSince = 0;
  const orphanCheck = setInterval(() => {
    const state = daemonFileState(home);
    if (state.kind === "unreadable") {
      if (unreadableSince === 0)
        log.warn(`cannot read daemon.json (${state.reason}); still running`);
      unreadableSince ||= Date.now();
      return;
    }
    unreadableSince = 0;
    if (state.kind === "missing" || state.pid !== process.pid)
      void shutdown("daemon.json removed or replaced");
  }, 1_000);
  orphanCheck.unref();
  void closed.then(() => clearInterval(orphanCheck));

  return { started: true, daemon: { port: server.port, shutdown, closed } };
}
