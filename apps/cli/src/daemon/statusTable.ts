import type { ForwardRow } from "@ferry/store/client";
import { renderTable } from "../format/table.ts";
import { formatTraffic } from "./formatTraffic.ts";

export function localText(row: ForwardRow): string {
  return `${row.localAddress}:${row.localPort ?? "?"}`;
}

/** `ferry status`: alias, context, target, local address, state, pod, connections, traffic. */
export function statusTable(rows: ForwardRow[]): string {
  if (rows.length === 0)
    return "no configs; add one with `ferry config add` or `ferry config import`\n";
  return renderTable(
    ["ALIAS", "CONTEXT", "TARGET", "LOCAL", "STATE", "POD", "CONN", "TRAFFIC"],
    rows.map((r) => [
      r.alias,
      r.context ?? "(current)",
      `${r.namespace}/${r.target}`,
      localText(r),
      r.error && r.state === "error" ? `error: ${r.error.message}` : r.state,
      r.pod ?? "-",
      String(r.connections),
      formatTraffic(r.bytesIn, r.bytesOut),
    ]),
  );
}
