import { type ForwardRow, formatBytes, localText, printable } from "@ferry/store/client/core";
import { renderTable } from "../format/table.ts";

/** "↓1.2 KiB ↑300 B", or "-" before any byte moved. */
const trafficText = (r: ForwardRow) =>
  r.bytesIn === 0 && r.bytesOut === 0
    ? "-"
    : `↓${formatBytes(r.bytesIn)} ↑${formatBytes(r.bytesOut)}`;

/** One line per forward in error, for under the table: the message can be a screen wide. */
export function errorLines(rows: ForwardRow[]): string {
  return rows
    .filter((r) => r.error)
    .map((r) => `${printable(r.alias)}: ${printable(r.error?.message ?? "")} (${r.error?.code})\n`)
    .join("");
}

/**
 * `ferry status`: alias, context, target, local address, state (the word only), pod,
 * connections, traffic; then each forward's error on a line of its own.
 */
export function statusTable(rows: ForwardRow[]): string {
  if (rows.length === 0)
    return "no configs; add one with `ferry config add` or `ferry config import`\n";
  const table = renderTable(
    ["ALIAS", "CONTEXT", "TARGET", "LOCAL", "STATE", "POD", "CONN", "TRAFFIC"],
    rows.map((r) => [
      r.alias,
      r.context ?? "(current)",
      `${r.namespace}/${r.target}`,
      localText(r),
      r.state,
      r.pod ?? "-",
      String(r.connections),
      trafficText(r),
    ]),
  );
  const errors = errorLines(rows);
  return errors ? `${table}\n${errors}` : table;
}
