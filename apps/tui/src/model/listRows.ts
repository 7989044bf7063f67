import { type Config, type ForwardRow, isActive, localText, targetText } from "@ferry/store/client";

export const CURRENT_CONTEXT = "(current context)";
export const NO_GROUP = "(no group)";

/** What the list's headers gather: kube contexts, or the configs' own `group`. */
export type GroupBy = "context" | "group";

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

/** A config's header under `by`: its value, or null when it has none. */
export function groupValue(c: Config, by: GroupBy): string | null {
  return by === "context" ? c.context : c.group;
}

/**
 * The local end: `127.0.0.1:8080`. The port bound while active wins (a config asking for 0 gets
 * a free one); an empty local port means the remote one; `auto` for 0 not yet bound.
 */
export function localOf(c: Config, live?: ForwardRow): string {
  const bound = live && isActive(live.state) ? live.localPort : null;
  return localText({
    localAddress: c.local_address,
    localPort: bound || (c.local_port === null ? c.remote_port : c.local_port),
  });
}

/** True when every word of the filter appears in the alias, context, group, namespace or target. */
export function matchesFilter(c: Config, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [
    c.alias,
    c.context ?? CURRENT_CONTEXT,
    c.group ?? "",
    c.namespace,
    targetText(c),
    localOf(c),
    c.protocol,
  ]
    .join(" ")
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The list as shown: a header per context or group (sorted), then its configs by alias. */
export function buildRows(
  configs: readonly Config[],
  live: ReadonlyMap<number, ForwardRow>,
  filter: string,
  by: GroupBy = "context",
): ListRow[] {
  const groups = new Map<string, { value: string | null; list: Config[] }>();
  for (const c of configs) {
    if (!matchesFilter(c, filter)) continue;
    const value = groupValue(c, by);
    const name = value ?? (by === "context" ? CURRENT_CONTEXT : NO_GROUP);
    const group = groups.get(name) ?? { value, list: [] };
    group.list.push(c);
    groups.set(name, group);
  }
  const rows: ListRow[] = [];
  for (const [name, { value, list }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    rows.push({ kind: "header", name, value, count: list.length });
    for (const config of list.sort((a, b) => a.alias.localeCompare(b.alias)))
      rows.push({ kind: "config", config, live: live.get(config.id) });
  }
  return rows;
}

/** Only the selectable rows (configs), in display order. */
export function configRows(rows: readonly ListRow[]): ConfigRow[] {
  return rows.filter((r): r is ConfigRow => r.kind === "config");
}
