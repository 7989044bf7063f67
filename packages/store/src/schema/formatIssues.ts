import type * as z from "zod";
import type { FerryIssue } from "./ferryError.ts";

/** Turns zod issues into `{ path: "[2].remote_port", message }`; `index` prefixes the entry number. */
export function formatIssues(error: z.ZodError, index?: number): FerryIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path
      .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
      .join("");
    const prefix = index === undefined ? "" : `[${index}]`;
    const path = `${prefix}${field}`.replace(/^\./, "");
    return { path: path || "(entry)", message: issue.message };
  });
}

/** One line per issue: `[2].remote_port: expected an integer 1-65535, got "eighty"`. */
export function issueLines(issues: FerryIssue[]): string {
  return issues.map((i) => `  ${i.path}: ${i.message}`).join("\n");
}
