import { Box, Text } from "ink";
import { memo } from "react";
import type { Config, ForwardEvent, ForwardStatus } from "../api/daemonApi.ts";
import { STATE_COLOR } from "../model/stateStyle.ts";
import { localLabel, targetLabel } from "../model/targetLabel.ts";
import { formatBytes, formatRate, sparkline, type TrafficHistory } from "../model/traffic.ts";

export interface DetailsPaneProps {
  config: Config | null;
  status: ForwardStatus | undefined;
  history: TrafficHistory | undefined;
  events: readonly ForwardEvent[];
  width: number;
  height: number;
}

const time = (at: number) => new Date(at).toISOString().slice(11, 19);

function DetailsPaneView({ config, status, history, events, width, height }: DetailsPaneProps) {
  if (!config)
    return (
      <Box height={height} borderStyle="single" borderColor="gray">
        <Text dimColor>Nothing selected.</Text>
      </Box>
    );
  const state = status?.state ?? "stopped";
  const rates = history?.rates ?? [];
  const inner = Math.max(10, width - 4);
  const lastError =
    status?.error ?? [...events].reverse().find((e) => e.status?.error)?.status?.error ?? null;
  // Whatever room is left after the fixed lines goes to the recent events.
  const fixed = 3 + (lastError ? Math.ceil((lastError.length + 12) / inner) : 0);
  const eventRoom = Math.max(0, height - 2 - fixed);
  const local = localLabel(config, status?.state === "running" ? status.localPort : null);
  return (
    <Box
      height={height}
      flexDirection="column"
      borderStyle="single"
      borderColor="gray"
      paddingX={1}
    >
      <Text wrap="truncate-end">
        <Text bold>{config.alias}</Text>
        {` ${targetLabel(config)} → ${local} ${config.protocol} ns ${config.namespace} `}
        <Text color={STATE_COLOR[state]}>{state}</Text>
      </Text>
      <Text wrap="truncate-end">
        {`pod ${status?.pod ?? "-"} · connections ${status?.connections ?? 0} · in ${formatBytes(status?.bytesIn ?? 0)} · out ${formatBytes(status?.bytesOut ?? 0)}`}
      </Text>
      <Text wrap="truncate-end">
        <Text color="green">{sparkline(rates, Math.min(60, Math.max(0, inner - 22)))}</Text>
        {` now ${formatRate(rates.at(-1) ?? 0)} (last minute)`}
      </Text>
      {lastError ? (
        <Text color="red" wrap="wrap">
          {`last error: ${lastError}`}
        </Text>
      ) : null}
      {(eventRoom > 0 ? events.slice(-eventRoom) : []).map((e, i) => (
        <Text key={`${e.at}:${i}`} dimColor wrap="truncate-end">
          {`${time(e.at)} ${e.message}`}
        </Text>
      ))}
    </Box>
  );
}

/** The selected forward: pod, connections, bytes, traffic, the last error in full, recent events. */
export const DetailsPane = memo(DetailsPaneView);
