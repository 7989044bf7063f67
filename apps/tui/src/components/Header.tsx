import { printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import type { Connection } from "../hooks/use-daemon.ts";
import type { GroupBy } from "../model/listRows.ts";

export interface HeaderProps {
  configs: number;
  running: number;
  connection: Connection;
  filter: string;
  selected: number;
  groupBy: GroupBy;
}

/** The top line: counts, the daemon's connection when not connected, the filter, the selection. */
export function Header({ configs, running, connection, filter, selected, groupBy }: HeaderProps) {
  return (
    <Box>
      <Text bold color="cyan">
        Ferry{" "}
      </Text>
      <Text dimColor>{`${configs} configs · ${running} running`}</Text>
      {connection === "connected" ? null : (
        <Text color={connection === "down" ? "red" : "yellow"}>
          {` · daemon ${connection === "down" ? "unreachable" : "connecting"}`}
        </Text>
      )}
      {groupBy === "group" ? <Text dimColor> · by group</Text> : null}
      {filter ? <Text color="magenta">{` · filter: ${printable(filter)}`}</Text> : null}
      {selected ? <Text color="cyan">{` · ${selected} selected`}</Text> : null}
    </Box>
  );
}
