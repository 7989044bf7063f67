import { type ForwardRow, formatBytes, localText } from "@ferry/store/client/core";
import { renderTable } from "../format/table.ts";
import type { ForwardEvent } from "./recentEvents.ts";

interface HttpLogStatus {
  enabled: boolean;
  file: string | null;
  exchanges: number;
}

/** "on, 12 exchanges, <file>" or "off" (rows from a daemon without HTTP logs: "-"). */
function httpLogText(log: HttpLogStatus | undefined): string {
  if (!log) return "-";
  if (!log.enabled) return "off";
  return `on, ${log.exchanges} exchange${log.exchanges === 1 ? "" : "s"}${log.file ? `, ${log.file}` : ""}`;
}

/** `ferry status <alias>`: every field of one forward, then its recent events. */
export function forwardDetails(
  row: ForwardRow & { httpLog?: HttpLogStatus },
  events: ForwardEvent[],
): string {
  const since = row.since ? ` since ${new Date(row.since).toISOString()}` : "";
  const fields = renderTable(
    ["FIELD", "VALUE"],
    [
      ["alias", row.alias],
      ["id", String(row.id)],
      ["context", row.context ?? "(current)"],
      ["target", `${row.namespace}/${row.target}`],
      ["local", localText(row)],
      ["state", `${row.state}${since}`],
      ["pod", row.pod ?? "-"],
      ["error", row.error ? `${row.error.message} (${row.error.code})` : "-"],
      ["connections", String(row.connections)],
      ["received", formatBytes(row.bytesIn)],
      ["sent", formatBytes(row.bytesOut)],
      ["http log", httpLogText(row.httpLog)],
    ],
  );
  const recent =
    events.length === 0
      ? "no events yet\n"
      : renderTable(
          ["TIME", "LEVEL", "EVENT"],
          events.map((e) => [e.at, e.level, e.message]),
        );
  return `${fields}\nrecent events:\n${recent}`;
}
