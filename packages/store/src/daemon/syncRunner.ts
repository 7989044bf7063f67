import { hostname, userInfo } from "node:os";
import {
  type FetchResult,
  fetchSource,
  type SyncSource as GitSource,
  isGitSyncError,
  pushSource,
  sourceCacheDir,
} from "@ferry/git-sync";
import { ApiError } from "../api/apiError.ts";
import type { ConfigEvents } from "../api/contextTypes.ts";
import { isActive } from "../client/forwardState.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import { exportConfigs } from "../configs/exportConfigs.ts";
import type { Config } from "../schema/config.ts";
import { isFerryError } from "../schema/ferryError.ts";
import type { SyncPlanRow } from "../sync/planSync.ts";
import type { StoredSource } from "../sync/sourceRows.ts";
import { emptyReport, type SyncErrorInfo, type SyncReport } from "../sync/syncTypes.ts";
import { fileAt, upstreamEntries } from "../sync/upstreamEntries.ts";
import type { DaemonLog } from "./daemonLog.ts";
import type { DaemonRuntime } from "./runtime.ts";

export interface SyncTransport {
  fetchSource: typeof fetchSource;
  pushSource: typeof pushSource;
}

export interface SyncDeps {
  home: string;
  store: ConfigStore;
  runtime: DaemonRuntime;
  write<T>(fn: () => T | Promise<T>): Promise<T>;
  configEvents: ConfigEvents;
  log: DaemonLog;
  transport?: SyncTransport;
}

const transportOf = (deps: SyncDeps): SyncTransport =>
  deps.transport ?? { fetchSource, pushSource };

/** What git-sync needs of a source; the cache is `$FERRY_HOME/git/<source id>`. */
export function gitSource(
  src: Pick<
    StoredSource,
    "id" | "url" | "ref" | "path" | "caFile" | "tokenEnv" | "tokenFile" | "username" | "authScheme"
  >,
): GitSource {
  return {
    id: String(src.id),
    url: src.url,
    ref: src.ref,
    path: src.path,
    caFile: src.caFile,
    tokenEnv: src.tokenEnv,
    tokenFile: src.tokenFile,
    username: src.username,
    authScheme: src.authScheme,
  };
}

export const cacheDirOf = (home: string, id: number | string) => sourceCacheDir(home, String(id));

/** The code and message of a failed sync; git-sync's and the store's own errors keep theirs. */
export function errorInfo(err: unknown): SyncErrorInfo {
  if (isGitSyncError(err) || isFerryError(err)) return { code: err.code, message: err.message };
  const e = err as { code?: unknown; message?: unknown };
  return {
    code: typeof e?.code === "string" ? e.code : "SYNC_FAILED",
    message: typeof e?.message === "string" ? e.message : String(err),
  };
}

/** Fetches the source's files and checks every entry; throws with the file, commit and field. */
export async function fetchUpstream(deps: SyncDeps, src: StoredSource, cacheDir?: string) {
  const fetched = await transportOf(deps).fetchSource(gitSource(src), {
    cacheDir: cacheDir ?? cacheDirOf(deps.home, src.id),
    log: (line) => deps.log.info(`sync ${src.name}: ${line}`),
  });
  return { fetched, checked: checkUpstream(src, fetched) };
}

export function checkUpstream(src: StoredSource, fetched: FetchResult) {
  const { entries, warnings } = upstreamEntries(fetched.files, fetched.commit, src);
  return { entries, warnings, commit: fetched.commit, files: fetched.files.map((f) => f.path) };
}

type Checked = ReturnType<typeof checkUpstream>;

function reportOf(src: StoredSource, commit: string, rows: SyncPlanRow[], warnings: string[]) {
  const report = emptyReport(src.name, commit);
  const aliases = (action: SyncPlanRow["action"]) =>
    rows.filter((r) => r.action === action).map((r) => r.alias);
  report.added = aliases("add");
  report.updated = aliases("update");
  report.unchanged = rows.filter((r) => r.action === "unchanged").length;
  report.removed = aliases("remove");
  report.flagged = aliases("flag");
  report.localChanges = rows.filter((r) => r.localChange).map((r) => r.alias);
  report.conflicts = aliases("conflict");
  report.warnings = [
    ...warnings,
    ...rows.flatMap((r) => (r.reason && r.action === "add" ? [r.reason] : [])),
  ];
  return report;
}

/**
 * Applies checked upstream entries in one queued write: removed configs' forwards stop first,
 * the plan is written in one transaction (with the commit as the source's last good one), and
 * running forwards whose config changed restart on it. Each change is a forward or config event.
 */
export function applyUpstream(
  deps: SyncDeps,
  src: StoredSource,
  checked: Checked,
  options: { force: boolean; claim?: ReadonlyMap<string, number> },
): Promise<SyncReport> {
  const { store, runtime, configEvents } = deps;
  const at = fileAt(src.name, checked.commit);
  return deps.write(async () => {
    const preview = store.sync.run(src, checked, { ...options, dryRun: true });
    const removed = preview.filter((r) => r.action === "remove").map((r) => r.id as number);
    const active = () =>
      new Set(
        runtime
          .status()
          .filter((r) => isActive(r.state))
          .map((r) => r.id),
      );
    const runningBefore = active();
    for (const id of removed)
      if (runningBefore.has(id)) runtime.note(id, "info", `deleted upstream (${at}): stopping`);
    if (removed.length > 0) await runtime.stop({ ids: removed });
    const rows = store.sync.run(src, checked, { ...options, dryRun: false });
    const ids = (action: SyncPlanRow["action"]) =>
      rows.filter((r) => r.action === action).map((r) => r.id as number);
    if (ids("add").length + ids("update").length + ids("remove").length > 0)
      configEvents.publish({ created: ids("add"), updated: ids("update"), deleted: ids("remove") });
    const report = reportOf(src, checked.commit, rows, checked.warnings);
    const running = active();
    const restart = rows.filter((r) => r.action === "update" && running.has(r.id as number));
    for (const r of restart)
      runtime.note(
        r.id as number,
        "info",
        `changed upstream (${at}): restarting on the new config`,
      );
    if (restart.length > 0) {
      const restartIds = restart.map((r) => r.id as number);
      await runtime.stop({ ids: restartIds });
      await runtime.start({ ids: restartIds });
      report.restarted = restart.map((r) => r.alias);
    }
    return report;
  });
}

/** One sync of one source; a failure is in the report (nothing written, the last commit kept). */
export async function runSync(
  deps: SyncDeps,
  src: StoredSource,
  options: { force: boolean; fetched?: FetchResult },
): Promise<SyncReport> {
  let commit: string | null = null;
  try {
    const fetched = options.fetched ?? (await fetchUpstream(deps, src)).fetched;
    commit = fetched.commit;
    const checked = checkUpstream(src, fetched);
    const report = await applyUpstream(deps, src, checked, { force: options.force });
    deps.log.info(
      `sync ${src.name} at ${commit.slice(0, 12)}: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged} unchanged, ${report.removed.length} removed, ${report.flagged.length} flagged, ${report.localChanges.length} local changes`,
    );
    return report;
  } catch (err) {
    const info = errorInfo(err);
    const kept = src.lastCommit ? `; ${src.lastCommit.slice(0, 12)} stays in effect` : "";
    const error = {
      code: info.code,
      message: `sync of "${src.name}" failed, nothing was changed${kept}: ${info.message}`,
    };
    deps.log.warn(`${error.code}: ${error.message}`);
    return { ...emptyReport(src.name, commit), error };
  }
}

const trimPath = (p: string) =>
  p
    .split("/")
    .filter((x) => x !== "" && x !== ".")
    .join("/");

/**
 * The files a push writes: each file the last sync read gets the export of the source's configs
 * from it (deleted upstream ones left out), with the context and kubeconfig the file had where the
 * source overrides them. With `all`, the user's own configs go into the source's file too.
 */
export function pushFiles(store: ConfigStore, src: StoredSource, all: boolean) {
  const configs = new Map(store.list().map((c) => [c.id, c]));
  const records = store.sync.records();
  const byFile = new Map<string, Config[]>(src.lastFiles.map((f) => [f, []]));
  const mainFile = src.lastFiles.includes(trimPath(src.path))
    ? trimPath(src.path)
    : [trimPath(src.path), "ferry.json"].filter(Boolean).join("/");
  const add = (file: string, c: Config) => byFile.set(file, [...(byFile.get(file) ?? []), c]);
  for (const r of records) {
    const c = configs.get(r.id);
    if (r.sourceId !== src.id || r.upstreamDeleted || !c) continue;
    add(r.file, {
      ...c,
      context: src.context !== null && c.context === src.context ? r.original.context : c.context,
      kubeconfig:
        src.kubeconfig !== null && c.kubeconfig === src.kubeconfig
          ? r.original.kubeconfig
          : c.kubeconfig,
    });
  }
  /** The user's own configs pushed, by alias (their key in the source from now on). */
  const claim = new Map<string, number>();
  if (all) {
    const sourced = new Set(records.map((r) => r.id));
    for (const c of configs.values()) {
      if (sourced.has(c.id)) continue;
      add(mainFile, c);
      claim.set(c.alias, c.id);
    }
  }
  const files = [...byFile].map(([path, list]) => ({
    path,
    text: exportConfigs(list.sort((a, b) => a.id - b.id)),
  }));
  return { files, claim };
}

/** The author of pushed commits: settings sync.author_name / sync.author_email, else user@host. */
function author(store: ConfigStore) {
  const user = userInfo().username;
  const name = store.settings.get("sync.author_name");
  const email = store.settings.get("sync.author_email");
  return {
    name: typeof name === "string" && name ? name : user,
    email: typeof email === "string" && email ? email : `${user}@${hostname()}`,
  };
}

/**
 * Pushes the source's configs (or, with `all`, the user's own too) as one commit on top of the
 * last synced commit; never forced. After the push, the pushed files are the source's upstream.
 */
export async function pushConfigs(
  deps: SyncDeps,
  src: StoredSource,
  options: { message?: string; all?: boolean },
): Promise<{ commit: string | null; pushed: boolean; report: SyncReport | null }> {
  if (!src.lastCommit) {
    throw new ApiError(
      "SYNC_NOT_SYNCED",
      `"${src.name}" has not synced yet; run \`ferry sync now ${src.name}\` first, then push`,
    );
  }
  const { files, claim } = pushFiles(deps.store, src, options.all === true);
  const count = files.reduce((n, f) => n + (JSON.parse(f.text) as unknown[]).length, 0);
  const result = await transportOf(deps).pushSource(gitSource(src), {
    cacheDir: cacheDirOf(deps.home, src.id),
    files,
    message: options.message ?? `ferry: ${count} config(s) from ${hostname()}`,
    author: author(deps.store),
    baseCommit: src.lastCommit,
    log: (line) => deps.log.info(`sync ${src.name}: ${line}`),
  });
  if (!result.pushed) return { commit: null, pushed: false, report: null };
  // What was pushed is now upstream: local changes in it are no longer changes.
  const checked = checkUpstream(src, { commit: result.commit, files });
  const report = await applyUpstream(deps, src, checked, { force: true, claim });
  return { commit: result.commit, pushed: true, report };
}
