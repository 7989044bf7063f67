import { type ForwardRow, localText, printable } from "@ferry/store/client";

export function progressLine(row: ForwardRow): string {
  const detail =
    row.state === "error"
      ? `: ${row.error?.message ?? "failed"}`
      : row.state === "running"
        ? ` on ${localText(row)}${row.pod ? ` -> ${row.pod}` : ""}`
        : "";
  return printable(`${row.alias}  ${row.state}${detail}`);
}

/**
 * One line per forward. On a terminal each forward keeps its own line, rewritten in place as its
 * state changes; into a pipe or file every change is a new line (a readable log).
 */
export function progressPrinter(out: NodeJS.WriteStream): (row: ForwardRow) => void {
  if (!out.isTTY) return (row) => void out.write(`${progressLine(row)}\n`);
  const lines = new Map<number, string>();
  return (row) => {
    const isNew = !lines.has(row.id);
    lines.set(row.id, progressLine(row));
    if (isNew) {
      out.write(`${lines.get(row.id)}\n`);
      return;
    }
    const ids = [...lines.keys()];
    const up = ids.length - ids.indexOf(row.id);
    out.write(`\x1b[${up}A\r\x1b[2K${lines.get(row.id)}\x1b[${up}B\r`);
  };
}
