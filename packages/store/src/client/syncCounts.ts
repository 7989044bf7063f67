import type { SyncReport } from "../sync/syncTypes.ts";

/**
 * What a sync did, as counts every app shows the same way: added, updated, unchanged, removed,
 * then only what needs the user's eye (deleted upstream but kept, local changes kept, conflicts).
 */
export function syncCounts(r: SyncReport): string[] {
  const counts = [
    `${r.added.length} added`,
    `${r.updated.length} updated`,
    `${r.unchanged} unchanged`,
    `${r.removed.length} removed`,
  ];
  if (r.flagged.length) counts.push(`${r.flagged.length} deleted upstream (kept, prune is off)`);
  if (r.localChanges.length) counts.push(`${r.localChanges.length} local changes kept`);
  if (r.conflicts.length) counts.push(`${r.conflicts.length} conflicts left alone`);
  return counts;
}
