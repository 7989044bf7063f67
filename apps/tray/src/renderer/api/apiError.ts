import { fieldErrors } from "@ferry/store/fieldErrors";

/** A refusal from the daemon as the UI shows it: the message, and each bad field's message. */
export interface ApiError {
  code: string;
  message: string;
  fields: Record<string, string>;
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
  const fields = fieldErrors(ferry.issues);
  const message = typeof e?.message === "string" && e.message ? e.message : String(err);
  return { code, message, fields };
}
