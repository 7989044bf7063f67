import { Box, Text } from "ink";
import { memo } from "react";
import { h } from "../h.ts";
import type { ListRow } from "../model/listRows.ts";
import { isActive, STATE_COLOR } from "../model/stateStyle.ts";
import { localLabel, targetLabel } from "../model/targetLabel.ts";
import { formatRate, sparkline, type TrafficHistory } from "../model/traffic.ts";
import { fit } from "./fit.ts";
import { listLayout } from "./listLayout.ts";

export interface ConfigListProps {
  rows: readonly ListRow[];
  cursorId: number | null;
  selected: ReadonlySet<number>;
  history: ReadonlyMap<number, TrafficHistory>;
  width: number;
  height: number;
  filter: string;
  /** What an empty list says (e.g. while the daemon is still being reached). */
  emptyText?: string;
}

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

function ConfigListView({
  rows,
  cursorId,
  selected,
  history,
  width,
  height,
  filter,
  emptyText,
}: ConfigListProps) {
  const l = listLayout(width);
  if (rows.length === 0) {
    return h(
      Box,
      { height, flexDirection: "column" },
      h(
        Text,
        { dimColor: true },
        filter
          ? `No config matches "${filter}".`
          : (emptyText ?? "No configs yet: press i to import a file or n to add one."),
      ),
    );
  }
  const top = scrollTop(rows, cursorId, height);
  const visible = rows.slice(top, top + height);
  return h(
    Box,
    { height, flexDirection: "column" },
    ...visible.map((row) => {
      if (row.kind === "header") {
        return h(
          Text,
          { key: `h:${row.context}`, bold: true, color: "cyan" },
          fit(`▾ ${row.context} (${row.count})`, width - 1),
        );
      }
      const c = row.config;
      const state = row.status?.state ?? "stopped";
      const rates = history.get(c.id)?.rates ?? [];
      const current = rates.at(-1) ?? 0;
      const isCursor = c.id === cursorId;
      const mark = `${isCursor ? "›" : " "}${selected.has(c.id) ? "●" : " "}`;
      return h(
        Box,
        { key: `c:${c.id}` },
        h(Text, { color: isCursor ? "cyan" : undefined, bold: isCursor }, mark),
        h(Text, { inverse: isCursor }, fit(c.alias, l.alias)),
        h(
          Text,
          null,
          ` ${fit(targetLabel(c), l.target)} ${fit(localLabel(c, isActive(state) ? row.status?.localPort : null), l.local)} ${fit(c.protocol, l.proto)} `,
        ),
        h(Text, { color: STATE_COLOR[state] }, fit(state, l.state)),
        l.spark > 0
          ? h(
              Text,
              { color: "green" },
              ` ${state === "stopped" ? " ".repeat(l.spark) : sparkline(rates, l.spark)}`,
            )
          : null,
        l.rate > 0
          ? h(
              Text,
              { dimColor: true },
              ` ${fit(state === "stopped" ? "" : formatRate(current), l.rate)}`,
            )
          : null,
      );
    }),
  );
}

export const ConfigList = memo(ConfigListView);
