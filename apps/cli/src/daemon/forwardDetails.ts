import { type ForwardRow, formatBytes, localText } from "@ferry/store/client";
import { renderTable } from "../format/table.ts";
import type { ForwardEvent } from "./recentEvents.ts";

/** `ferry status <alias>`: every field of one forward, then its recent events. */
export function forwardDetails(row: ForwardRow, events: ForwardEvent[]): string {
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
