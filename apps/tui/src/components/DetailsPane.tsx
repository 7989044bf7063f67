import {
  type Config,
  type ForwardRow,
  formatBytes,
  formatRate,
  printable,
  targetText,
} from "@ferry/store/client";
import { Box, Text } from "ink";
import { memo } from "react";
import { localOf } from "../model/listRows.ts";
import type { EventLine } from "../model/liveState.ts";
import { STATE_COLOR } from "../model/stateStyle.ts";
import { sparkline, type TrafficHistory } from "../model/traffic.ts";

export interface DetailsPaneProps {
  config: Config | null;
  live: ForwardRow | undefined;
  history: TrafficHistory | undefined;
  events: readonly EventLine[];
  width: number;
  height: number;
}

/** Whether HTTP traffic is logged, and how many exchanges this run logged (V shows them). */
const httpLogText = (config: Config, live: ForwardRow | undefined) =>
  live?.httpLog?.enabled
    ? ` · HTTP log on, ${live.httpLog.exchanges} exchange${live.httpLog.exchanges === 1 ? "" : "s"} (V)`
    : config.http_logs_enabled
      ? " · HTTP log on"
      : "";

const time = (at: number) => new Date(at).toISOString().slice(11, 19);

function DetailsPaneView({ config, live, history, events, width, height }: DetailsPaneProps) {
  if (!config)
    return (
      <Box height={height} borderStyle="single" borderColor="gray">
        <Text dimColor>Nothing selected.</Text>
      </Box>
    );
  const state = live?.state ?? "stopped";
  const rates = history?.rates ?? [];
  const inner = Math.max(10, width - 4);
  const lastError =
    live?.error?.message ?? [...events].reverse().find((e) => e.error)?.error ?? null;
  // Whatever room is left after the fixed lines goes to the recent events.
  const fixed = 3 + (lastError ? Math.ceil((lastError.length + 12) / inner) : 0);
  const eventRoom = Math.max(0, height - 2 - fixed);
  const what = `${targetText(config)} → ${localOf(config, live)} ${config.protocol} ns ${config.namespace}`;
  return (
    <Box
      height={height}
      flexDirection="column"
      borderStyle="single"
      borderColor="gray"
      paddingX={1}
    >
      <Text wrap="truncate-end">
        <Text bold>{printable(config.alias)}</Text>
        {` ${printable(what)} `}
        <Text color={STATE_COLOR[state]}>{state}</Text>
      </Text>
      <Text wrap="truncate-end">
        {`pod ${printable(live?.pod ?? "-")} · connections ${live?.connections ?? 0} · in ${formatBytes(live?.bytesIn ?? 0)} · out ${formatBytes(live?.bytesOut ?? 0)}${httpLogText(config, live)}`}
      </Text>
      <Text wrap="truncate-end">
        <Text color="green">{sparkline(rates, Math.min(60, Math.max(0, inner - 22)))}</Text>
        {` now ${formatRate(rates.at(-1) ?? 0)} (last minute)`}
      </Text>
      {lastError ? (
        <Text color="red" wrap="wrap">
          {`last error: ${printable(lastError)}`}
        </Text>
      ) : null}
      {(eventRoom > 0 ? events.slice(-eventRoom) : []).map((e, i) => (
        <Text key={`${e.at}:${i}`} dimColor wrap="truncate-end">
          {`${time(e.at)} ${printable(e.text)}`}
        </Text>
      ))}
    </Box>
  );
}

/** The selected forward: pod, connections, bytes, traffic, the last error in full, recent events. */
export const DetailsPane = memo(DetailsPaneView);
