import { FerryForwardError } from "../errors.ts";
import { apiMessage, apiStatus } from "../relay/relayPod.ts";
import { authFailedMessage } from "./credentials.ts";
import type { Kube } from "./getKube.ts";

/** An API call's failure as a coded error naming the context, the server and what was asked. */
export function apiError(err: unknown, kube: Kube, what: string): FerryForwardError {
  if (err instanceof FerryForwardError) return err;
  const status = apiStatus(err);
  const ctx = `context "${kube.contextName}"`;
  if (status === 404)
    return new FerryForwardError(
      "TARGET_NOT_FOUND",
      `${what} not found in ${ctx}: ${apiMessage(err)}`,
    );
  // The request was retried once with renewed credentials already (authRetryHttp).
  if (status === 401)
    return new FerryForwardError(
      "FORBIDDEN",
      `${authFailedMessage(kube.kc, what)} (${apiMessage(err)})`,
    );
  if (status === 403)
    return new FerryForwardError(
      "FORBIDDEN",
      `${what}: ${ctx} is not allowed (${status}): ${apiMessage(err)}`,
    );
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const detail = cause?.code ?? cause?.message ?? (err as Error)?.message ?? String(err);
  if (status === undefined)
    return new FerryForwardError(
      "CLUSTER_UNREACHABLE",
      `cannot reach the cluster of ${ctx} at ${kube.server} (${what}): ${detail}`,
      { cause: err },
    );
  return new FerryForwardError(
    "CLUSTER_UNREACHABLE",
    `${what}: the API server of ${ctx} answered ${status}: ${apiMessage(err)}`,
    { cause: err },
  );
}
