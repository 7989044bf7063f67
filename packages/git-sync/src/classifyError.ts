import { GitSyncError } from "./gitSyncError.ts";

const UNKNOWN_CA = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
]);

const NETWORK: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host (DNS)",
  EAI_AGAIN: "DNS lookup failed, try again later",
  ETIMEDOUT: "timed out",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
};

export type ErrorContext = {
  /** The URL as shown to people (never with credentials). */
  url: URL;
  ref: string;
  tried: string[];
  unavailable: string[];
};

function causeCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
    if (typeof e.code === "string" && (UNKNOWN_CA.has(e.code) || e.code in NETWORK)) return e.code;
    if (typeof e.code === "string" && e.code.startsWith("ERR_TLS")) return e.code;
    if (typeof e.code === "string" && e.code.startsWith("CERT_")) return e.code;
  }
  return undefined;
}

/** How credentials.ts labels a token taken from an environment variable. */
export const ENV_LABEL = "token from $";
// The sync runs in ferryd, which keeps the environment of the command that started it: a
// variable exported in a shell afterwards is not there, and the error must not read as a typo.
const ENV_HINT =
  " An environment variable is read where the sync runs: ferryd keeps the environment it was started with. Restart it from a shell where the variable is set (`ferry daemon stop`; the next ferry command starts it), or use a token file.";

function authMessage(ctx: ErrorContext, status: number): string {
  const where = `${ctx.url.href} ${status === 403 ? "refused access (403)" : "asked for credentials (401)"}`;
  if (ctx.tried.length === 0) {
    return `${where} and none were found${ctx.unavailable.length ? ` (asked: ${ctx.unavailable.join(", ")}; none had one)` : ""}. Set up a git credential helper for ${ctx.url.host}, or name an environment variable holding a token (tokenEnv), or a token file with mode 0600 (tokenFile).${ctx.unavailable.some((l) => l.startsWith(ENV_LABEL)) ? ENV_HINT : ""}`;
  }
  return `${where} and refused ${ctx.tried.join(", then ")}. Check that the token is current and may read the repository (and write, for a push).`;
}

/** Turns what isomorphic-git or Node threw into a GitSyncError with what to do about it. */
export function classifyError(err: unknown, ctx: ErrorContext): GitSyncError {
  if (err instanceof GitSyncError) return err;
  const e = err as { code?: string; message?: string; data?: { statusCode?: number } };
  const host = ctx.url.host;
  const code = causeCode(err);
  if (code && UNKNOWN_CA.has(code)) {
    return new GitSyncError(
      "GIT_TLS_UNKNOWN_CA",
      `the certificate of ${host} is signed by a CA this machine does not trust (${code}). Add that CA: set caFile in the source to its PEM file, or set NODE_EXTRA_CA_CERTS=/path/ca.pem for Ferry's daemon. TLS verification cannot be turned off.`,
    );
  }
  if (code && (code.startsWith("ERR_TLS") || code.startsWith("CERT_"))) {
    return new GitSyncError(
      "GIT_TLS_FAILED",
      `TLS with ${host} failed: ${code} (${e.message ?? ""}). Check the URL's host name and the server's certificate.`,
    );
  }
  if (code && code in NETWORK) {
    return new GitSyncError(
      "GIT_UNREACHABLE",
      `cannot reach ${host}: ${NETWORK[code]} (${code}). Check the URL, the network and any VPN, then sync again.`,
    );
  }
  if (e.code === "HttpError") {
    const status = e.data?.statusCode ?? 0;
    if (status === 401 || status === 403) {
      return new GitSyncError("GIT_AUTH_FAILED", authMessage(ctx, status));
    }
    if (status === 404) {
      return new GitSyncError(
        "GIT_REPO_NOT_FOUND",
        `no git repository at ${ctx.url.href} (404). Check the URL (many hosts answer 404 for a private repository without credentials).`,
      );
    }
    return new GitSyncError(
      "GIT_UNREACHABLE",
      `${host} answered HTTP ${status} for ${ctx.url.href}; try again later or check the URL`,
    );
  }
  if (e.code === "SmartHttpError") {
    return new GitSyncError(
      "GIT_REPO_NOT_FOUND",
      `${ctx.url.href} did not answer as a git server; check that the URL is the repository's clone URL`,
    );
  }
  if (e.code === "NotFoundError" || e.code === "ResolveRefError") {
    return new GitSyncError(
      "GIT_REF_NOT_FOUND",
      `the branch or tag "${ctx.ref}" does not exist in ${ctx.url.href}; check the source's ref`,
    );
  }
  return new GitSyncError(
    "GIT_FAILED",
    `git ${ctx.url.href} (${ctx.ref}) failed: ${e.message ?? String(err)}`,
    { cause: err },
  );
}
