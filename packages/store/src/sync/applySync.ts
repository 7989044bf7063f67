import type { ConfigRows } from "../configs/configRows.ts";
import type { SyncPlanRow } from "./planSync.ts";
import type { SyncedRows } from "./syncedRows.ts";

/** Writes a sync plan (the caller holds the transaction); adds get their new ids. */
export function applySync(
  rows: ConfigRows,
  synced: SyncedRows,
  sourceId: number,
  plan: SyncPlanRow[],
): SyncPlanRow[] {
  return plan.map((row) => {
    const mark = (id: number) =>
      synced.set({
        id,
        sourceId,
        key: row.key,
        file: row.file,
        upstream: row.config!,
        original: row.original!,
      });
    switch (row.action) {
      case "add": {
        const saved = rows.insert(row.config!);
        mark(saved.id);
        return { ...row, id: saved.id };
      }
      case "update":
        rows.update(row.id!, row.config!);
        mark(row.id!);
        return row;
      case "unchanged":
        mark(row.id!);
        return row;
      case "local-change":
        synced.keep(row.id!, row.file);
        return row;
      case "remove":
        rows.delete(row.id!);
        return row;
      case "flag":
        synced.setUpstreamDeleted(row.id!, true);
        return row;
      default:
        return row; // a conflict: nothing written
    }
  });
}
