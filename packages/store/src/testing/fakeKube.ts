import type { PortInfo } from "../api/contextTypes.ts";

/** The cluster a fake daemon's `kube.*` answers from. */
export interface FakeCluster {
  contexts: string[];
  namespaces: Record<string, string[]>;
  services: Record<string, string[]>;
  /** Ports by `namespace/service` or `namespace/labelSelector`. */
  ports: Record<string, PortInfo[]>;
  /** Pods by namespace. */
  pods?: Record<string, { name: string; ready: boolean; labels: Record<string, string> }[]>;
}

/** Records a call by name (or by a name made of its input), fails or waits; then runs `fn`. */
export type FakeCall = <A extends unknown[], R>(
  name: string | ((...a: A) => string),
  fn: (...a: A) => R,
) => (...a: A) => Promise<R>;

/** A `k=v,k2=v2` selector's test, as the API server applies it (equality terms only). */
const matches = (selector: string | undefined, labels: Record<string, string>) =>
  !selector ||
  selector.split(",").every((term) => {
    const [k, v] = term.split("=");
    return k !== undefined && labels[k.trim()] === v?.trim();
  });

/** `kube.*` over a fake cluster, read when asked (a test may replace it meanwhile). */
export function fakeKube(
  cluster: () => FakeCluster,
  contextsError: () => string | null,
  call: FakeCall,
) {
  return {
    contexts: {
      query: call("contexts", () => {
        const error = contextsError();
        if (error) throw new Error(error);
        return cluster().contexts.map((name) => ({
          name,
          cluster: name,
          namespace: null,
          current: false,
        }));
      }),
    },
    namespaces: {
      query: call(
        "namespaces",
        ({ context }: { context?: string | null }) => cluster().namespaces[context ?? ""] ?? [],
      ),
    },
    services: {
      query: call("services", ({ namespace }: { namespace: string }) =>
        (cluster().services[namespace] ?? []).map((name) => ({ name, ports: [] })),
      ),
    },
    pods: {
      query: call(
        "pods",
        ({ namespace, labelSelector }: { namespace: string; labelSelector?: string }) =>
          (cluster().pods?.[namespace] ?? []).filter((p) => matches(labelSelector, p.labels)),
      ),
    },
    ports: {
      query: call(
        "ports",
        (q: { namespace: string; service?: string; labelSelector?: string }) =>
          cluster().ports[`${q.namespace}/${q.service ?? q.labelSelector}`] ?? [],
      ),
    },
  };
}
