import { homedir } from "node:os";
import { CoreV1Api, KubeConfig, type V1Pod } from "@kubernetes/client-node";
import { ApiError } from "../api/apiError.ts";
import type { KubeBrowser, KubeTarget, PortInfo } from "../api/contextTypes.ts";

/** A kubeconfig as configs write it: null/"default" = KUBECONFIG or ~/.kube/config; "~" expanded. */
function loadKubeConfig(kubeconfig: string | null | undefined): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (!kubeconfig || kubeconfig === "default") kc.loadFromDefault();
    else {
      const paths = kubeconfig
        .split(":")
        .filter(Boolean)
        .map((p) => (p.startsWith("~/") ? `${homedir()}${p.slice(1)}` : p));
      if (paths.length === 1) kc.loadFromFile(paths[0]!);
      else {
        process.env.KUBECONFIG = paths.join(":");
        kc.loadFromDefault();
      }
    }
  } catch (err) {
    throw new ApiError(
      "KUBE_ERROR",
      `cannot read kubeconfig ${kubeconfig ?? "(default)"}: ${(err as Error).message}`,
    );
  }
  return kc;
}

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

/** One CoreV1Api per kubeconfig + context, created on first use. */
export function createApiCache(): (target: KubeTarget) => CoreV1Api {
  const clients = new Map<string, CoreV1Api>();
  return (target: KubeTarget): CoreV1Api => {
    const key = `${target.kubeconfig ?? ""}\u0000${target.context ?? ""}`;
    let client = clients.get(key);
    if (!client) {
      const kc = loadKubeConfig(target.kubeconfig);
      if (target.context && target.context !== "@current") {
        if (!kc.getContextObject(target.context)) {
          throw new ApiError(
            "KUBE_ERROR",
            `unknown context "${target.context}" in ${target.kubeconfig ?? "the default kubeconfig"}`,
          );
        }
        kc.setCurrentContext(target.context);
      }
      client = kc.makeApiClient(CoreV1Api);
      clients.set(key, client);
    }
    return client;
  };
}

/**
 * Core's kube access (`getKube`: kubeconfig lists, `~`, exec/OIDC, one client per pair) when this
 * build of @ferry/core exports it, so forms and forwards see a cluster the same way; else ours.
 */
export async function kubeApiFor(): Promise<(target: KubeTarget) => CoreV1Api> {
  // biome-ignore lint/suspicious/noExplicitAny: probed at run time.
  const core: any = await import("@ferry/core").catch(() => ({}));
  if (typeof core.getKube !== "function") return createApiCache();
  return (target) =>
    core.getKube({ kubeconfig: target.kubeconfig ?? null, context: target.context ?? null })
      .coreApi as CoreV1Api;
}

/** Form queries (contexts, namespaces, services, pods, ports) over a shared client cache. */
export function createKubeBrowser(
  api: (target: KubeTarget) => CoreV1Api = createApiCache(),
): KubeBrowser {
  const ask = async <T>(
    what: string,
    target: KubeTarget,
    fn: (api: CoreV1Api) => Promise<T>,
  ): Promise<T> => {
    const client = api(target);
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
      const kc = loadKubeConfig(kubeconfig);
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
