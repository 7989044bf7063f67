import { relativeTime, type SyncReport, type SyncSource, syncCounts } from "@ferry/store/client";
import { renderTable } from "./table.ts";

const short = (commit: string | null) => (commit ? commit.slice(0, 7) : "-");

/** "team: a1b2c3d: 2 added, 1 updated, 3 unchanged, 0 removed" then a line per name that changed. */
export function syncReportText(r: SyncReport): string {
  if (r.error) return `${r.source}: failed: ${r.error.message}\n`;
  const lines = [`${r.source}: ${short(r.commit)}: ${syncCounts(r).join(", ")}`];
  const each = (label: string, names: string[]) => {
    for (const n of names) lines.push(`  ${label.padEnd(14)}${n}`);
  };
  each("added", r.added);
  each("updated", r.updated);
  each("removed", r.removed);
  each("deleted", r.flagged);
  each("local change", r.localChanges);
  each("conflict", r.conflicts);
  each("restarted", r.restarted);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  if (r.localChanges.length)
    lines.push(`  (\`ferry sync now ${r.source} --force\` replaces local changes with upstream)`);
  return `${lines.join("\n")}\n`;
}

/** The table of `ferry sync list`. */
export function syncListText(sources: SyncSource[], now = Date.now()): string {
  if (sources.length === 0)
    return "no sync sources; add one with `ferry sync add <name> <url> --path P`\n";
  return renderTable(
    ["NAME", "URL", "REF", "PATH", "EVERY", "LAST SYNC", "COMMIT", "STATE"],
    sources.map((s) => [
      s.name,
      s.url,
      s.ref,
      s.path,
      s.intervalSeconds ? `${s.intervalSeconds}s` : "on demand",
      relativeTime(s.status.lastSyncAt, now),
      short(s.status.lastCommit),
      s.status.syncing
        ? "syncing"
        : s.status.lastError
          ? `error: ${s.status.lastError.code}`
          : "ok",
    ]),
  );
}

/** `ferry sync status`: one source in full, with its last report and error. */
export function syncStatusText(s: SyncSource, now = Date.now()): string {
  const auth = s.tokenEnv
    ? `token from $${s.tokenEnv}`
    : s.tokenFile
      ? `token file ${s.tokenFile}`
      : "git credential helper, or none";
  const lines = [
    `${s.name}  ${s.url}  ${s.ref}:${s.path}`,
    `  ${s.intervalSeconds ? `every ${s.intervalSeconds}s` : "on demand only"}, prune ${s.prune ? "on" : "off"}, ${auth}${s.caFile ? `, CA ${s.caFile}` : ""}`,
    `  last sync  ${relativeTime(s.status.lastSyncAt, now)} (commit ${short(s.status.lastCommit)})`,
    `  next sync  ${s.status.syncing ? "syncing now" : relativeTime(s.status.nextSyncAt, now)}`,
  ];
  if (s.status.lastError)
    lines.push(`  last error ${s.status.lastError.code}: ${s.status.lastError.message}`);
  const text = `${lines.join("\n")}\n`;
  const report = s.status.lastReport;
  return report && !report.error
    ? `${text}${syncReportText(report).replace(/^/gm, "  ").trimEnd()}\n`
    : text;
}
