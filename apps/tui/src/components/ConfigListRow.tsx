import { Box, Text } from "ink";
import type { ForwardStatus } from "../api/daemonApi.ts";
import { fit } from "../layout/fit.ts";
import type { ListLayout } from "../layout/listLayout.ts";
import type { ConfigRow } from "../model/listRows.ts";
import { isActive, STATE_COLOR } from "../model/stateStyle.ts";
import { localLabel, targetLabel } from "../model/targetLabel.ts";
import { formatRate, sparkline } from "../model/traffic.ts";

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
  const status: ForwardStatus | undefined = row.status;
  const state = status?.state ?? "stopped";
  const mark = `${isCursor ? "›" : " "}${isSelected ? "●" : " "}`;
  const local = localLabel(c, isActive(state) ? status?.localPort : null);
  return (
    <Box>
      <Text color={isCursor ? "cyan" : undefined} bold={isCursor}>
        {mark}
      </Text>
      <Text inverse={isCursor}>{fit(c.alias, l.alias)}</Text>
      <Text>{` ${fit(targetLabel(c), l.target)} ${fit(local, l.local)} ${fit(c.protocol, l.proto)} `}</Text>
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
