/** A refusal from the daemon as the UI shows it: the message, and each bad field's message. */
export interface ApiError {
  code: string;
  message: string;
  fields: Record<string, string>;
}

interface IssueLike {
  path?: unknown;
  message?: unknown;
}

/** Turns a path like `[0].remote_port` or `["remote_port"]` into the form field name. */
function fieldOf(path: unknown): string | null {
  const text = Array.isArray(path) ? path.join(".") : typeof path === "string" ? path : "";
  const last = text
    .split(/[.[\]]/)
    .filter(Boolean)
    .pop();
  return last && !/^\d+$/.test(last) ? last : null;
}

/**
 * Reads a tRPC error (or anything thrown) into an `ApiError`. The daemon puts the store's
 * `FerryError` code and issues in the error's `data`; field issues become per-field messages.
 */
export function toApiError(err: unknown): ApiError {
  const e = err as { message?: unknown; data?: Record<string, unknown> } | null;
  const data = (e?.data ?? {}) as Record<string, unknown>;
  const ferry = (data.ferry ?? data) as Record<string, unknown>;
  const code = String(ferry.ferryCode ?? ferry.code ?? data.code ?? "ERROR");
  const issues = (Array.isArray(ferry.issues) ? ferry.issues : []) as IssueLike[];
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (field && !fields[field]) fields[field] = String(issue.message ?? "invalid");
  }
  const message = typeof e?.message === "string" && e.message ? e.message : String(err);
  return { code, message, fields };
}
