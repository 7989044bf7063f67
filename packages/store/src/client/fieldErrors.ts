// Browser-safe (no Node imports): the tray's renderer and the TUI both map a refusal's issues
// onto their form fields with it.

interface IssueLike {
  path?: unknown;
  message?: unknown;
}

/** `[0].remote_port`, `["remote_port"]` or `remote_port` → `remote_port`; indexes alone → null. */
export function issueField(path: unknown): string | null {
  const text = Array.isArray(path) ? path.join(".") : typeof path === "string" ? path : "";
  const last = text
    .split(/[.[\]]/)
    .filter(Boolean)
    .pop();
  return last && !/^\d+$/.test(last) ? last : null;
}

/** The first message for each field named by `issues` (what a form shows beside the field). */
export function fieldErrors(issues: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!Array.isArray(issues)) return fields;
  for (const issue of issues as IssueLike[]) {
    const field = issueField(issue.path);
    if (field && !fields[field]) fields[field] = String(issue.message ?? "invalid");
  }
  return fields;
}
