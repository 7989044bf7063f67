import type { ListRow } from "../model/listRows.ts";

/** The first row index to show so that the cursor stays visible in `height` rows. */
export function scrollTop(
  rows: readonly ListRow[],
  cursorId: number | null,
  height: number,
): number {
  const at = rows.findIndex((r) => r.kind === "config" && r.config.id === cursorId);
  if (at < 0 || rows.length <= height) return 0;
  // Keep the group header in view when the cursor is on the group's first row.
  const wanted = Math.max(0, at - Math.floor(height / 2));
  return Math.min(wanted, rows.length - height);
}
