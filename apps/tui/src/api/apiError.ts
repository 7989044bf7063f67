import { fieldErrors } from "@ferry/store/fieldErrors";

/** A refusal from the daemon as the TUI shows it: the message and each bad field's message. */
export interface ApiError {
  code: string;
  message: string;
  fields: Record<string, string>;
}

/** Reads whatever a call threw (tRPC error with the store's code and issues in `data`, or any). */
export function toApiError(err: unknown): ApiError {
  const e = err as { message?: unknown; code?: unknown; issues?: unknown; data?: unknown } | null;
  const data = (e?.data ?? {}) as Record<string, unknown>;
  const ferry = (data.ferry ?? data) as Record<string, unknown>;
  const code = String(ferry.ferryCode ?? ferry.code ?? e?.code ?? data.code ?? "ERROR");
  const fields = fieldErrors(Array.isArray(ferry.issues) ? ferry.issues : e?.issues);
  const message = typeof e?.message === "string" && e.message ? e.message : String(err);
  return { code, message, fields };
}

/** True when the error means "no daemon answered" rather than "the daemon said no". */
export function isConnectionError(err: unknown): boolean {
  const e = err as { message?: unknown; code?: unknown; cause?: { code?: unknown } } | null;
  const text = `${e?.message ?? err} ${e?.code ?? ""} ${e?.cause?.code ?? ""}`;
  return /ECONNREFUSED|ECONNRESET|fetch failed|socket hang up|EPIPE|DAEMON_UNREACHABLE|DAEMON_NOT_RUNNING|DAEMON_START_FAILED/i.test(
    text,
  );
}
