import {
  type Config,
  CURRENT_CONTEXT_LABEL,
  type ForwardRow,
  type GroupBy,
  groupRows,
  matchesSearch,
} from "@ferry/store/client";

export interface ConfigRow {
  kind: "config";
  config: Config;
  /** The daemon's live row (state, pod, counters), once it has sent one. */
  live: ForwardRow | undefined;
}

export interface HeaderRow {
  kind: "header";
  /** The context or group name; a placeholder label when the config has none. */
  name: string;
  /** The config's own value: null for "(current context)" and "(no group)". */
  value: string | null;
  count: number;
}

export type ListRow = ConfigRow | HeaderRow;

/** The list as shown: a header per context or group (sorted), then its configs by alias. */
export function buildRows(
  configs: readonly Config[],
  live: ReadonlyMap<number, ForwardRow>,
  filter: string,
  by: GroupBy = "context",
): ListRow[] {
  const shown = configs.filter((c) => matchesSearch(c, filter, CURRENT_CONTEXT_LABEL));
  return groupRows(shown, by).flatMap(({ label, value, items }): ListRow[] => [
    { kind: "header", name: label, value, count: items.length },
    ...items.map((config): ListRow => ({ kind: "config", config, live: live.get(config.id) })),
  ]);
}

/** Only the selectable rows (configs), in display order. */
export function configRows(rows: readonly ListRow[]): ConfigRow[] {
  return rows.filter((r): r is ConfigRow => r.kind === "config");
}
