// The HTTP library under core's API clients: a 401 renews the credentials (credentials.ts) and
// retries the request once, as client-go does; and every request has a deadline, so a list sent
// on a pooled connection that died silently (after a sleep, a NAT that forgot it) fails and is
// retried instead of hanging for ever.

import type { HttpLibrary, KubeConfig } from "@kubernetes/client-node";
import { clientNode } from "./clientNode.ts";
import { credentialsFor } from "./credentials.ts";

/**
 * A request (a list, a read, a pod create) that takes longer than this is abandoned: with kept-
 * alive connections (sharedDispatcher) one may have died silently under the request.
 */
export const API_REQUEST_TIMEOUT_MS = 15_000;

export function authRetryingHttp(kc: KubeConfig): HttpLibrary {
  const { IsomorphicFetchHttpLibrary, wrapHttpLibrary } = clientNode();
  const inner = new IsomorphicFetchHttpLibrary();
  return wrapHttpLibrary({
    async send(req) {
      if (!req.getSignal()) req.setSignal(AbortSignal.timeout(API_REQUEST_TIMEOUT_MS));
      // What this request carries (applied before send): a 401 for it after another request
      // already renewed the credentials retries without renewing again.
      const used = req.getHeaders().Authorization;
      const res = await inner.send(req).toPromise();
      if (res.httpStatusCode !== 401 || !credentialsFor(kc)?.refresh(used)) return res;
      await kc.applySecurityAuthentication(req);
      return inner.send(req).toPromise();
    },
  });
}

/** kc.makeApiClient, on the retrying HTTP library. */
export function makeApiClient<T>(kc: KubeConfig, api: new (config: never) => T): T {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("No active cluster!");
  const { createConfiguration, ServerConfiguration } = clientNode();
  const config = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kc },
    httpApi: authRetryingHttp(kc),
  });
  return new api(config as never);
}
