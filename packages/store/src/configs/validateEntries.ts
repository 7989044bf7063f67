import {
  CONFIG_FIELDS,
  type ConfigDraft,
  ConfigInputSchema,
  IGNORED_KFTRAY_FIELDS,
} from "../schema/config.ts";
import { describeValue } from "../schema/describeValue.ts";
import { FerryError, type FerryIssue } from "../schema/ferryError.ts";
import { formatIssues, issueLines } from "../schema/formatIssues.ts";
import type { ImportOptions } from "./importReport.ts";

export interface ValidEntry {
  index: number;
  draft: ConfigDraft;
}

export interface ValidatedImport {
  entries: ValidEntry[];
  skipped: { index: number; reason: string }[];
  warnings: string[];
}

const KNOWN = new Set<string>([...CONFIG_FIELDS, ...IGNORED_KFTRAY_FIELDS]);

/**
 * Checks every entry and collects every problem before refusing, so one run shows them all.
 * Unknown fields are dropped with a warning; kftray's `expose` entries are skipped with one.
 */
export function validateEntries(raw: unknown[], options: ImportOptions = {}): ValidatedImport {
  const result: ValidatedImport = { entries: [], skipped: [], warnings: [] };
  const issues: FerryIssue[] = [];
  raw.forEach((entry, index) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
      issues.push({
        path: `[${index}]`,
        message: `expected a config object, got ${describeValue(entry)}`,
      });
      return;
    }
    const record = entry as Record<string, unknown>;
    if (record.workload_type === "expose") {
      const reason = 'workload_type "expose" is not supported by Ferry';
      result.skipped.push({ index, reason });
      result.warnings.push(`[${index}]: skipped: ${reason}`);
      return;
    }
    const unknown = Object.keys(record).filter((key) => !KNOWN.has(key));
    if (unknown.length > 0) {
      const names = unknown.map((k) => `"${k}"`).join(", ");
      result.warnings.push(
        `[${index}]: unknown field${unknown.length > 1 ? "s" : ""} ${names} dropped`,
      );
    }
    const input = { ...record };
    if (options.kubeconfig !== undefined) input.kubeconfig = options.kubeconfig;
    if (options.context !== undefined) input.context = options.context;
    const parsed = ConfigInputSchema.safeParse(input);
    if (parsed.success) result.entries.push({ index, draft: parsed.data });
    else issues.push(...formatIssues(parsed.error, index));
  });
  if (issues.length > 0) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    throw new FerryError(
      "INVALID_CONFIG",
      `${count} in the import; nothing was written:\n${issueLines(issues)}`,
      issues,
    );
  }
  return result;
}
