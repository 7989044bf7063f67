import type { ForwardRow } from "../api/contextTypes.ts";
import type { DiscoveryProblem } from "./discoveryTypes.ts";
import type { PlanAction, PlanRow } from "./planDiscovery.ts";

/** What `discover.plan` and `discover.apply` answer. */
export interface DiscoverReport {
  /** True for a plan (nothing written). */
  dryRun: boolean;
  rows: PlanRow[];
  /** Malformed annotations, denied namespaces, unreachable contexts: each skipped, said exactly. */
  problems: DiscoveryProblem[];
  /** Not problems, but worth saying ("no permission to list ... all namespaces; listed ..."). */
  notes: string[];
  /** Rows per action. */
  summary: Record<PlanAction, number>;
  /** With `start`: the rows of the forwards started. */
  started: ForwardRow[];
}

/** One change discovery made, as every app sees it (`discover.events`). */
export interface DiscoveryEvent {
  at: number;
  action: "add" | "update" | "remove" | "source-gone";
  id: number;
  alias: string;
  context: string;
  /** "backend/postgres" */
  source: string;
  /** "added db from backend/postgres" */
  message: string;
  /** "live" when the daemon's watch found it, else "apply". */
  trigger: "live" | "apply";
}

const VERB = {
  add: "added",
  update: "updated",
  remove: "removed",
  "source-gone": "kept (source gone)",
};

export function summarize(rows: PlanRow[]): Record<PlanAction, number> {
  const summary: Record<PlanAction, number> = {
    add: 0,
    update: 0,
    unchanged: 0,
    conflict: 0,
    "kept-local-change": 0,
    remove: 0,
    "source-gone": 0,
  };
  for (const row of rows) summary[row.action]++;
  return summary;
}

/** The events a written plan makes; rows that change nothing make none. */
export function eventsOf(
  rows: PlanRow[],
  trigger: DiscoveryEvent["trigger"],
  at = Date.now(),
): DiscoveryEvent[] {
  return rows.flatMap((row) => {
    if (row.id === null || !(row.action in VERB)) return [];
    const action = row.action as DiscoveryEvent["action"];
    const source = `${row.origin.namespace}/${row.origin.name}`;
    const from = action === "remove" ? "whose source is gone from" : "from";
    return [
      {
        at,
        action,
        id: row.id,
        alias: row.alias,
        context: row.origin.context,
        source,
        message: `${VERB[action]} ${row.alias} ${from} ${source}`,
        trigger,
      },
    ];
  });
}
