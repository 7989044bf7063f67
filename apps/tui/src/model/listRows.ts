import type { Config, ForwardStatus } from "../api/daemonApi.ts";
import { localLabel, targetLabel } from "./targetLabel.ts";

export const CURRENT_CONTEXT = "(current context)";

export interface ConfigRow {
  kind: "config";
  config: Config;
  status: ForwardStatus | undefined;
}

export interface HeaderRow {
  kind: "header";
  context: string;
  count: number;
}

export type ListRow = ConfigRow | HeaderRow;

/** True when every word of the filter appears in the alias, context, namespace or target. */
export function matchesFilter(c: Config, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [
    c.alias,
    c.context ?? CURRENT_CONTEXT,
    c.namespace,
    targetLabel(c),
    localLabel(c),
    c.protocol,
  ]
    .join(" ")
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The list as shown: a header per context (sorted), then its configs by alias. */
export function buildRows(
  configs: readonly Config[],
  statuses: ReadonlyMap<number, ForwardStatus>,
  filter: string,
): ListRow[] {
  const groups = new Map<string, Config[]>();
  for (const c of configs) {
    if (!matchesFilter(c, filter)) continue;
    const key = c.context ?? CURRENT_CONTEXT;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const rows: ListRow[] = [];
  for (const [context, list] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push({ kind: "header", context, count: list.length });
    for (const config of list.sort((a, b) => a.alias.localeCompare(b.alias))) {
      rows.push({ kind: "config", config, status: statuses.get(config.id) });
    }
  }
  return rows;
}

/** Only the selectable rows (configs), in display order. */
export function configRows(rows: readonly ListRow[]): ConfigRow[] {
  return rows.filter((r): r is ConfigRow => r.kind === "config");
}
