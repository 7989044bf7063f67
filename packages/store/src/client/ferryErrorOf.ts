import { TRPCClientError } from "@trpc/client";

export interface ClientError {
  /** Stable code: the store's/daemon's (`NOT_FOUND`, `INVALID_CONFIG`, `PORT_IN_USE`...) or tRPC's. */
  code: string;
  message: string;
  issues: { path: string; message: string }[];
}

/** The stable code, human message and issues of an error thrown by a FerryClient call. */
export function ferryErrorOf(err: unknown): ClientError {
  if (err instanceof TRPCClientError) {
    const data = (err.data ?? {}) as {
      ferryCode?: string;
      code?: string;
      issues?: ClientError["issues"];
    };
    const status = (err.meta?.response as { status?: number } | undefined)?.status;
    const code =
      data.ferryCode ??
      (status === 401
        ? "UNAUTHORIZED"
        : status === 403
          ? "FORBIDDEN"
          : (data.code ?? "DAEMON_ERROR"));
    const cause = err.cause as { code?: string } | undefined;
    if (cause && /ECONNREFUSED|fetch failed/.test(`${cause.code} ${err.message}`)) {
      return {
        code: "DAEMON_UNREACHABLE",
        message: `cannot reach ferryd: ${err.message}`,
        issues: [],
      };
    }
    return { code, message: err.message, issues: data.issues ?? [] };
  }
  const e = err as { code?: unknown; message?: string };
  return {
    code: typeof e?.code === "string" ? e.code : "ERROR",
    message: e?.message ?? String(err),
    issues: [],
  };
}
