import { TRPCClientError } from "@trpc/client";
import type { FerryIssue } from "../schema/ferryError.ts";
import { fieldErrors } from "./fieldErrors.ts";

/** Codes that mean "no daemon answered" rather than "the daemon said no". */
const UNREACHABLE = new Set(["DAEMON_UNREACHABLE", "DAEMON_NOT_RUNNING", "DAEMON_START_FAILED"]);
const NETWORK =
  /ECONNREFUSED|ECONNRESET|EPIPE|fetch failed|Failed to fetch|NetworkError|socket hang up|WebSocket/i;

/**
 * Every failure of a Ferry client call, in one shape: the stable `code` (the store's and the
 * daemon's: `NOT_FOUND`, `INVALID_CONFIG`, `PORT_IN_USE`...; `UNAUTHORIZED`, `FORBIDDEN`,
 * `DAEMON_UNREACHABLE` for transport failures), the message as the daemon wrote it for a
 * person, the per-field `issues`, and `fields`: the first message per form field.
 */
export class FerryClientError extends Error {
  readonly code: string;
  readonly issues: FerryIssue[];
  readonly fields: Record<string, string>;
  constructor(code: string, message: string, issues: FerryIssue[] = [], cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "FerryClientError";
    this.code = code;
    this.issues = issues;
    this.fields = fieldErrors(issues);
  }
}

/** @deprecated the old name of `FerryClientError`'s shape; use `FerryClientError`. */
export type ClientError = FerryClientError;

function transportCode(err: TRPCClientError<never>): string | null {
  const status = (err.meta?.response as { status?: number } | undefined)?.status;
  if (status === 401) return "UNAUTHORIZED";
  if (status === 403) return "FORBIDDEN";
  const cause = err.cause as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const text = `${err.message} ${cause?.code ?? ""} ${cause?.cause?.code ?? ""}`;
  return NETWORK.test(text) ? "DAEMON_UNREACHABLE" : null;
}

/**
 * Reads what a client call threw. The daemon sends the code in `data.ferryCode` and the issues
 * in `data.issues` (see api/trpc.ts); other errors keep their own `code` when they have one.
 */
export function ferryErrorOf(err: unknown): FerryClientError {
  if (err instanceof FerryClientError) return err;
  if (err instanceof TRPCClientError && err.cause instanceof FerryClientError) return err.cause;
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as { ferryCode?: unknown; code?: unknown; issues?: unknown };
    const issues = Array.isArray(data.issues) ? (data.issues as FerryIssue[]) : [];
    if (typeof data.ferryCode === "string")
      return new FerryClientError(data.ferryCode, err.message, issues, err);
    const transport = transportCode(err as TRPCClientError<never>);
    if (transport === "DAEMON_UNREACHABLE")
      return new FerryClientError(transport, `cannot reach ferryd: ${err.message}`, [], err);
    const code = transport ?? (typeof data.code === "string" ? data.code : "DAEMON_ERROR");
    return new FerryClientError(code, err.message, issues, err);
  }
  const e = err as { code?: unknown; message?: unknown; issues?: unknown } | null;
  const message = typeof e?.message === "string" && e.message ? e.message : String(err);
  const issues = Array.isArray(e?.issues) ? (e.issues as FerryIssue[]) : [];
  if (typeof e?.code === "string" && /^[A-Z][A-Z0-9_]+$/.test(e.code))
    return new FerryClientError(e.code, message, issues, err);
  return new FerryClientError(
    NETWORK.test(message) ? "DAEMON_UNREACHABLE" : "ERROR",
    message,
    issues,
    err,
  );
}

/** True when the error means no daemon answered (start it, or retry), not a refusal. */
export function isUnreachable(err: unknown): boolean {
  return UNREACHABLE.has(ferryErrorOf(err).code);
}
