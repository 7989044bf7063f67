import { type GroupBy, printable, type SyncSource } from "@ferry/store/client";
import { Box, Text } from "ink";
import type { Connection } from "../hooks/use-daemon.ts";
import { syncStatusText } from "../model/syncText.ts";

export interface HeaderProps {
  configs: number;
  running: number;
  connection: Connection;
  filter: string;
  selected: number;
  groupBy: GroupBy;
  /** HTTP exchanges logged (any forward) since start or since the viewer was last left. */
  httpExchanges?: number;
  /** Git sync sources: a second line with each one's last sync or error (Y syncs now). */
  sync?: readonly SyncSource[];
}

/** The top line: counts, the daemon's connection when not connected, the filter, the selection. */
export function Header(p: HeaderProps) {
  const { configs, running, connection, filter, selected, groupBy } = p;
  const sync = p.sync ?? [];
  const line = (
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
      {p.httpExchanges ? (
        <Text color="blue">{` · ${p.httpExchanges} new HTTP exchange${p.httpExchanges === 1 ? "" : "s"} (V)`}</Text>
      ) : null}
      {filter ? <Text color="magenta">{` · filter: ${printable(filter)}`}</Text> : null}
      {selected ? <Text color="cyan">{` · ${selected} selected`}</Text> : null}
    </Box>
  );
  if (sync.length === 0) return line;
  const failed = sync.some((s) => s.status.lastError);
  return (
    <Box flexDirection="column">
      {line}
      <Text color={failed ? "red" : undefined} dimColor={!failed} wrap="truncate-end">
        {printable(`sync ${sync.map((s) => syncStatusText(s)).join(" · ")} (Y syncs now)`)}
      </Text>
    </Box>
  );
}
