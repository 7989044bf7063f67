// Pre-flight for a relay pod: before creating anything, ask the API server
// (SelfSubjectAccessReview) whether this user may do what a relay needs in its namespace, so a
// locked-down namespace gives one clear error naming what is missing, not a half-made pod.

import type { KubeConfig } from "@kubernetes/client-node";
import { loadClientNode } from "../kube/clientNode.ts";
import { RelayError } from "./relayErrors.ts";

/** What Ferry does with a relay pod: create it, watch it, delete it, and port-forward to it. */
export const RELAY_ACCESS: ReadonlyArray<{ verb: string; resource: string; subresource?: string }> =
  [
    { verb: "create", resource: "pods" },
    { verb: "get", resource: "pods" },
    { verb: "delete", resource: "pods" },
    { verb: "create", resource: "pods", subresource: "portforward" },
  ];

const ROLE_POINTER =
  'the minimal Role in Ferry\'s README ("Relay pods: the minimal Role") lists what to grant';

/**
 * Throws RelayError RELAY_FORBIDDEN naming the first denied verb and resource, the namespace and
 * the context. A cluster that cannot answer the review (no such API) is not a denial: the
 * create itself will say.
 */
export async function checkRelayAccess(
  kc: KubeConfig,
  namespace: string,
  context: string,
): Promise<void> {
  const api = kc.makeApiClient((await loadClientNode()).AuthorizationV1Api);
  const answers = await Promise.all(
    RELAY_ACCESS.map(async (a) => {
      try {
        const review = await api.createSelfSubjectAccessReview({
          body: {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: { resourceAttributes: { namespace, ...a } },
          },
        });
        return { ...a, allowed: review.status?.allowed === true };
      } catch {
        return { ...a, allowed: true };
      }
    }),
  );
  const denied = answers.filter((a) => !a.allowed);
  if (denied.length === 0) return;
  const what = denied
    .map((d) => `${d.verb} ${d.subresource ? `${d.resource}/${d.subresource}` : d.resource}`)
    .join(", ");
  throw new RelayError(
    "RELAY_FORBIDDEN",
    `context "${context}" may not ${what} in namespace "${namespace}", which a UDP or proxy forward's relay pod needs; ask for those rights there (${ROLE_POINTER}), or pick another namespace for this forward.`,
  );
}
