import type { ConfigRows } from "../configs/configRows.ts";
import type { Config } from "../schema/config.ts";
import type { DiscoveredRecord, OriginRows } from "./originRows.ts";
import type { PlanRow } from "./planDiscovery.ts";

/** What discovery sees of the store when it plans (read inside the writing transaction). */
export interface DiscoverySnapshot {
  configs: Config[];
  discovered: DiscoveredRecord[];
}

/** Writes a plan (the caller holds the transaction); adds get their new ids. */
export function applyPlan(
  rows: ConfigRows,
  origins: OriginRows,
  plan: PlanRow[],
  discovered: DiscoveredRecord[],
): PlanRow[] {
  const gone = new Set(discovered.filter((d) => d.sourceGone).map((d) => d.id));
  return plan.map((row) => {
    switch (row.action) {
      case "add": {
        const saved = rows.insert(row.config);
        origins.set(saved.id, row.origin);
        return { ...row, id: saved.id };
      }
      case "update":
        rows.update(row.id as number, row.config);
        origins.set(row.id as number, row.origin);
        return row;
      case "unchanged":
      case "kept-local-change":
        if (gone.has(row.id as number)) origins.setSourceGone(row.id as number, false);
        return row;
      case "remove":
        rows.delete(row.id as number);
        return row;
      case "source-gone":
        origins.setSourceGone(row.id as number, true);
        return row;
      default:
        return row; // a conflict: nothing written
    }
  });
}
