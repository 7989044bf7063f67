import { formatRate, localEndText, printable, targetText } from "@ferry/store/client";
import { Box, Text } from "ink";
import { fit } from "../layout/fit.ts";
import type { ListLayout } from "../layout/listLayout.ts";
import type { ConfigRow } from "../model/listRows.ts";
import { STATE_COLOR } from "../model/stateStyle.ts";
import { sparkline } from "../model/traffic.ts";

export interface ConfigListRowProps {
  row: ConfigRow;
  layout: ListLayout;
  isCursor: boolean;
  isSelected: boolean;
  /** Bytes per second over the last minute, oldest first. */
  rates: readonly number[];
}

/** One config: mark, alias, target, local address, protocol, state, and traffic when wide. */
export function ConfigListRow({ row, layout: l, isCursor, isSelected, rates }: ConfigListRowProps) {
  const c = row.config;
  const state = row.live?.state ?? "stopped";
  const mark = `${isCursor ? "›" : " "}${isSelected ? "●" : " "}`;
  return (
    <Box>
      <Text color={isCursor ? "cyan" : undefined} bold={isCursor}>
        {mark}
      </Text>
      <Text inverse={isCursor}>{fit(printable(c.alias), l.alias)}</Text>
      <Text>{` ${fit(printable(targetText(c)), l.target)} ${fit(localEndText(c, row.live), l.local)} ${fit(c.protocol, l.proto)} `}</Text>
      <Text color={STATE_COLOR[state]}>{fit(state, l.state)}</Text>
      {l.spark > 0 ? (
        <Text color="green">{` ${state === "stopped" ? " ".repeat(l.spark) : sparkline(rates, l.spark)}`}</Text>
      ) : null}
      {l.rate > 0 ? (
        <Text
          dimColor
        >{` ${fit(state === "stopped" ? "" : formatRate(rates.at(-1) ?? 0), l.rate)}`}</Text>
      ) : null}
    </Box>
  );
}
