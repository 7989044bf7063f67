import { printable } from "@ferry/store/client/core";

/**
 * Left-aligned columns separated by two spaces; no trailing spaces. Cells are user data: each is
 * made printable (control and bidi characters escaped) before it is measured.
 */
export function renderTable(headers: string[], rows: string[][]): string {
  const cells = rows.map((r) => r.map(printable));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return `${[line(headers), ...cells.map(line)].join("\n")}\n`;
}
