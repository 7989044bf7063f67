import type { ImportReport } from "@ferry/store/client";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The human summary of an import or a dry run, one line per entry after the totals. */
export function importSummary(source: string, report: ImportReport): string {
  const { added, updated, unchanged, skipped } = report;
  const totals = report.dryRun
    ? `dry run of ${source}: would add ${added.length}, update ${updated.length}, leave ${unchanged.length} unchanged, skip ${skipped.length}; nothing was written`
    : `imported ${source}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged, ${skipped.length} skipped`;
  const lines = [
    ...added.map((i) => `  + ${i.alias}`),
    ...updated.map((i) => `  ~ ${i.alias}`),
    ...unchanged.map((i) => `  = ${i.alias}`),
  ];
  return `${[totals, ...lines].join("\n")}\n`;
}

export function warningLines(report: ImportReport): string {
  return report.warnings.map((w) => `warning: ${w}\n`).join("");
}

export { plural };
