/** What the list and the tray menu gather rows under: kube contexts or the configs' `group`. */
export type GroupBy = "context" | "group";

/** Headings for rows without a context or group. */
export const CURRENT_CONTEXT_LABEL = "(current context)";
export const NO_GROUP_LABEL = "(no group)";

export interface RowGroup<T> {
  /** The heading. */
  label: string;
  /** The context or group itself; null for the placeholder headings. */
  value: string | null;
  items: T[];
}

/** Groups items by context or group, headings sorted by name, items by alias. */
export function groupRows<
  T extends { context: string | null; group?: string | null; alias: string },
>(items: readonly T[], by: GroupBy = "context"): RowGroup<T>[] {
  const groups = new Map<string, RowGroup<T>>();
  for (const item of items) {
    const value = by === "context" ? item.context : (item.group ?? null);
    const label = value ?? (by === "context" ? CURRENT_CONTEXT_LABEL : NO_GROUP_LABEL);
    const group = groups.get(label) ?? { label, value, items: [] };
    group.items.push(item);
    groups.set(label, group);
  }
  return [...groups.values()]
    .sort((a, b) => a.label.localeCompare(b.label))
    .map((g) => ({ ...g, items: g.items.sort((a, b) => a.alias.localeCompare(b.alias)) }));
}
