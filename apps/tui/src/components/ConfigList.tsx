import { printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import { memo } from "react";
import { fit } from "../layout/fit.ts";
import { listLayout } from "../layout/listLayout.ts";
import { scrollTop } from "../layout/scrollTop.ts";
import type { ListRow } from "../model/listRows.ts";
import type { TrafficHistory } from "../model/traffic.ts";
import { ConfigListRow } from "./ConfigListRow.tsx";

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

function ConfigListView(props: ConfigListProps) {
  const { rows, cursorId, selected, history, width, height, filter, emptyText } = props;
  if (rows.length === 0) {
    return (
      <Box height={height} flexDirection="column">
        <Text dimColor>
          {filter
            ? `No config matches "${filter}".`
            : (emptyText ?? "No configs yet: press i to import a file or n to add one.")}
        </Text>
      </Box>
    );
  }
  const layout = listLayout(width);
  const top = scrollTop(rows, cursorId, height);
  return (
    <Box height={height} flexDirection="column">
      {rows.slice(top, top + height).map((row) =>
        row.kind === "header" ? (
          <Text key={`h:${row.name}`} bold color="cyan">
            {fit(`▾ ${printable(row.name)} (${row.count})`, width - 1)}
          </Text>
        ) : (
          <ConfigListRow
            key={`c:${row.config.id}`}
            row={row}
            layout={layout}
            isCursor={row.config.id === cursorId}
            isSelected={selected.has(row.config.id)}
            rates={history.get(row.config.id)?.rates ?? []}
          />
        ),
      )}
    </Box>
  );
}

/** The configs grouped under their context headers, scrolled to keep the cursor visible. */
export const ConfigList = memo(ConfigListView);
