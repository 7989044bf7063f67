import { getKubeAsync, loadKubeConfigAsync } from "@ferry/core";
import type { CoreV1Api, V1Pod } from "@kubernetes/client-node";
import { ApiError, codedError } from "../api/apiError.ts";
import type { KubeBrowser, KubeTarget, PortInfo } from "../api/contextTypes.ts";

function message(err: unknown): string {
  const e = err as { code?: number; body?: unknown; message?: string };
  if (typeof e.body === "string") {
    try {
      return `${e.code}: ${(JSON.parse(e.body) as { message?: string }).message ?? e.body}`;
    } catch {
      return `${e.code}: ${e.body}`;
    }
  }
  return e.message ?? String(err);
}

/**
 * Core's kube access (kubeconfig lists, "~", exec/OIDC, one client per pair), so forms and
 * forwards see a cluster the same way. Core's coded errors (UNKNOWN_CONTEXT...) pass unchanged;
 * anything else becomes the API's KUBE_ERROR.
 */
export async function kubeApiFor(target: KubeTarget): Promise<CoreV1Api> {
  try {
    return (
      await getKubeAsync({ kubeconfig: target.kubeconfig ?? null, context: target.context ?? null })
    ).coreApi;
  } catch (err) {
    if (codedError(err)) throw err;
    throw new ApiError("KUBE_ERROR", (err as Error).message);
  }
}

/** Form queries (contexts, namespaces, services, pods, ports) over a shared client cache. */
export function createKubeBrowser(
  api: (target: KubeTarget) => CoreV1Api | Promise<CoreV1Api> = kubeApiFor,
): KubeBrowser {
  const ask = async <T>(
    what: string,
    target: KubeTarget,
    fn: (api: CoreV1Api) => Promise<T>,
  ): Promise<T> => {
    const client = await api(target);
    try {
      return await fn(client);
    } catch (err) {
      throw new ApiError(
        "KUBE_ERROR",
        `cannot list ${what} in context ${target.context ?? "(current)"}: ${message(err)}`,
      );
    }
  };
  const podPorts = (pods: V1Pod[]): PortInfo[] => {
    const seen = new Map<string, PortInfo>();
    for (const pod of pods)
      for (const c of pod.spec?.containers ?? [])
        for (const p of c.ports ?? [])
          seen.set(`${p.containerPort}/${p.protocol}`, {
            name: p.name ?? null,
            port: p.containerPort,
            protocol: p.protocol ?? "TCP",
          });
    return [...seen.values()];
  };
  return {
    async contexts(kubeconfig) {
      let kc: Awaited<ReturnType<typeof loadKubeConfigAsync>>["kc"];
      try {
        kc = (await loadKubeConfigAsync(kubeconfig ?? null)).kc;
      } catch (err) {
        throw new ApiError("KUBE_ERROR", (err as Error).message);
      }
      const current = kc.getCurrentContext();
      return kc.getContexts().map((c) => ({
        name: c.name,
        cluster: c.cluster,
        namespace: c.namespace ?? null,
        current: c.name === current,
      }));
    },
    namespaces: (target) =>
      ask("namespaces", target, async (a) =>
        (await a.listNamespace()).items.map((n) => n.metadata?.name ?? "").filter(Boolean),
      ),
    services: (target) =>
      ask("services", target, async (a) =>
        (await a.listNamespacedService({ namespace: target.namespace })).items.map((s) => ({
          name: s.metadata?.name ?? "",
          ports: (s.spec?.ports ?? []).map((p) => ({
            name: p.name ?? null,
            port: p.port,
            protocol: p.protocol ?? "TCP",
          })),
        })),
      ),
    pods: (target) =>
      ask("pods", target, async (a) =>
        (
          await a.listNamespacedPod({
            namespace: target.namespace,
            labelSelector: target.labelSelector,
          })
        ).items.map((p) => ({
          name: p.metadata?.name ?? "",
          ready:
            p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
          labels: p.metadata?.labels ?? {},
        })),
      ),
    ports: (target) =>
      ask("ports", target, async (a) => {
        if (target.service) {
          const svc = await a.readNamespacedService({
            name: target.service,
            namespace: target.namespace,
          });
          return (svc.spec?.ports ?? []).map((p) => ({
            name: p.name ?? null,
            port: p.port,
            protocol: p.protocol ?? "TCP",
          }));
        }
        const pods = await a.listNamespacedPod({
          namespace: target.namespace,
          labelSelector: target.labelSelector,
        });
        return podPorts(pods.items);
      }),
  };
}
