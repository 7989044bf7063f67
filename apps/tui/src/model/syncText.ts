import { relativeTime, type SyncReport, type SyncSource, syncCounts } from "@ferry/store/client";

/** One source in the header: its last sync (when, commit) or its last error. */
export function syncStatusText(s: SyncSource, now = Date.now()): string {
  const st = s.status;
  if (st.syncing) return `${s.name}: syncing…`;
  const last =
    st.lastSyncAt !== null
      ? `${st.lastCommit ? st.lastCommit.slice(0, 7) : "no commit"}, ${relativeTime(st.lastSyncAt, now)}`
      : "never synced";
  return st.lastError ? `${s.name}: ${last}; error: ${st.lastError.message}` : `${s.name}: ${last}`;
}

/** What a sync-now says on the status line. */
export function syncReportText(r: SyncReport): string {
  if (r.error) return `Sync ${r.source} failed: ${r.error.message}`;
  const commit = r.commit ? ` at ${r.commit.slice(0, 7)}` : "";
  return `Synced ${r.source}${commit}: ${syncCounts(r).join(", ")}`;
}
