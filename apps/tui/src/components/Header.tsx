import { Box, Text } from "ink";
import type { Connection } from "../hooks/use-daemon.ts";

export interface HeaderProps {
  configs: number;
  running: number;
  connection: Connection;
  filter: string;
  selected: number;
}

/** The top line: counts, the daemon's connection when not connected, the filter, the selection. */
export function Header({ configs, running, connection, filter, selected }: HeaderProps) {
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
      {filter ? <Text color="magenta">{` · filter: ${filter}`}</Text> : null}
      {selected ? <Text color="cyan">{` · ${selected} selected`}</Text> : null}
    </Box>
  );
}
