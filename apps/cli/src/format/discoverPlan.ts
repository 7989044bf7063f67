import { type DiscoverReport, type PlanAction, targetText } from "@ferry/store/client";
import { renderTable } from "./table.ts";

// How each action reads in the plan, as a result and as a dry run.
const WORDS: Record<PlanAction, [done: string, planned: string]> = {
  add: ["added", "would add"],
  update: ["updated", "would update"],
  unchanged: ["unchanged", "unchanged"],
  conflict: ["conflict", "conflict"],
  "kept-local-change": ["kept local change", "kept local change"],
  remove: ["removed", "would remove"],
  "source-gone": ["source gone", "source gone"],
};

const ORDER: PlanAction[] = [
  "add",
  "update",
  "unchanged",
  "kept-local-change",
  "conflict",
  "remove",
  "source-gone",
];

/**
 * The plan as people read it: a totals line, a table (ACTION, ALIAS, SOURCE, TARGET, LOCAL,
 * REASON: moved ports, mapped privileged ports, what changed), then notes and problems, each with
 * its context, namespace/name and the exact message. renderTable makes every cell printable.
 */
export function discoverPlanText(report: DiscoverReport): string {
  const word = (a: PlanAction) => WORDS[a][report.dryRun ? 1 : 0];
  const totals = ORDER.filter((a) => report.summary[a] > 0 || a === "add")
    .map((a) => `${report.summary[a]} ${word(a)}`)
    .join(", ");
  const head = report.dryRun
    ? `dry run: ${totals}; nothing was written\n`
    : `discover: ${totals}\n`;
  const rows = [...report.rows]
    .sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action))
    .map((r) => [
      word(r.action),
      r.alias,
      `${r.origin.context}/${r.origin.namespace}/${r.origin.name}`,
      targetText(r.config),
      `${r.config.local_address ?? "127.0.0.1"}:${r.config.local_port ?? "auto"}`,
      r.reason ?? "",
    ]);
  const table =
    rows.length > 0
      ? renderTable(["ACTION", "ALIAS", "SOURCE", "TARGET", "LOCAL", "REASON"], rows)
      : "nothing annotated found\n";
  return `${head}${table}${problemLines(report)}`;
}

/** Notes and problems: "problem: dev-cluster backend/auth-admin (Service, kftray.app/configs): ...". */
function problemLines(report: DiscoverReport): string {
  const notes = report.notes.map((n) => `note: ${n}\n`);
  const problems = report.problems.map((p) => {
    if (p.kind === "Namespace")
      return `problem: ${p.context} namespace ${p.namespace}: ${p.message}\n`;
    const where = [p.kind, p.annotation].filter(Boolean).join(", ");
    return `problem: ${p.context} ${p.namespace}/${p.name} (${where}): ${p.message}\n`;
  });
  return [...notes, ...problems].join("");
}
