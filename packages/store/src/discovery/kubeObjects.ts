import { getKubeAsync } from "@ferry/core";
import type { CoreV1Api, V1Deployment, V1Service, V1StatefulSet } from "@kubernetes/client-node";
import type { DiscoveredObject, DiscoveryProblem, KubePort } from "./discoveryTypes.ts";
import { appsApiOf } from "./kubeApis.ts";
import type { ScannedScope } from "./planDiscovery.ts";

/** What one context holds for discovery, and where it could look. */
export interface ContextScan {
  context: string;
  objects: DiscoveredObject[];
  /** Services of each scanned namespace (allServices needs the unannotated ones too). */
  scanned: ScannedScope[];
  problems: DiscoveryProblem[];
  /** Things the user should know that are not problems ("fell back to ..."). */
  notes: string[];
}

const statusOf = (err: unknown) => (err as { code?: number }).code;
const reasonOf = (err: unknown) => {
  const body = (err as { body?: unknown }).body;
  try {
    const parsed = typeof body === "string" ? (JSON.parse(body) as { message?: string }) : null;
    if (parsed?.message) return parsed.message;
  } catch {}
  return (err as Error).message;
};

const protocolOf = (p?: string) =>
  (p?.toUpperCase() === "UDP" ? "udp" : "tcp") as KubePort["protocol"];

function fromService(s: V1Service): DiscoveredObject {
  return {
    kind: "Service",
    namespace: s.metadata?.namespace ?? "",
    name: s.metadata?.name ?? "",
    annotations: s.metadata?.annotations ?? {},
    ports: (s.spec?.ports ?? []).map((p) => ({
      name: p.name ?? null,
      port: p.port,
      protocol: protocolOf(p.protocol),
    })),
    selector: null,
  };
}

function fromWorkload(
  kind: "Deployment" | "StatefulSet",
  w: V1Deployment | V1StatefulSet,
): DiscoveredObject {
  const sel = w.spec?.selector;
  const labels = Object.entries(sel?.matchLabels ?? {});
  const expressions = (sel?.matchExpressions ?? []).length > 0;
  return {
    kind,
    namespace: w.metadata?.namespace ?? "",
    name: w.metadata?.name ?? "",
    annotations: w.metadata?.annotations ?? {},
    ports: (w.spec?.template?.spec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((p) => ({
        name: p.name ?? null,
        port: p.containerPort,
        protocol: protocolOf(p.protocol),
      })),
    ),
    selector:
      expressions || labels.length === 0 ? null : labels.map(([k, v]) => `${k}=${v}`).join(","),
    selectorProblem: expressions
      ? `${kind} selects its pods with matchExpressions, which a pod target cannot hold`
      : undefined,
  };
}

/**
 * Lists Services, Deployments and StatefulSets of one context (one namespace, or all). A denied
 * cluster-wide list falls back to the namespaces the user may list, one by one; a namespace that
 * refuses is skipped and reported, and is not "scanned" (so nothing there is judged gone).
 */
export async function scanContext(target: {
  kubeconfig?: string | null;
  context?: string | null;
  namespace?: string;
  allServices?: boolean;
}): Promise<ContextScan> {
  const kube = await getKubeAsync({
    kubeconfig: target.kubeconfig ?? null,
    context: target.context ?? null,
  });
  const context = kube.contextName;
  const core: CoreV1Api = kube.coreApi;
  const apps = await appsApiOf(kube);
  const scan: ContextScan = { context, objects: [], scanned: [], problems: [], notes: [] };
  const allServices = target.allServices === true;
  const deny = (namespace: string, what: string, err: unknown) =>
    scan.problems.push({
      context,
      namespace,
      kind: "Namespace",
      name: namespace,
      annotation: null,
      message: `cannot list ${what} in namespace ${namespace} (${statusOf(err) ?? "error"}: ${reasonOf(err)}); skipped`,
    });

  const inNamespace = async (namespace: string): Promise<boolean> => {
    try {
      const [services, deployments, statefulSets] = await Promise.all([
        core.listNamespacedService({ namespace }),
        apps.listNamespacedDeployment({ namespace }),
        apps.listNamespacedStatefulSet({ namespace }),
      ]);
      scan.objects.push(
        ...services.items.map(fromService),
        ...deployments.items.map((d) => fromWorkload("Deployment", d)),
        ...statefulSets.items.map((s) => fromWorkload("StatefulSet", s)),
      );
      return true;
    } catch (err) {
      deny(namespace, "services and workloads", err);
      return false;
    }
  };

  if (target.namespace) {
    if (await inNamespace(target.namespace))
      scan.scanned.push({ context, namespace: target.namespace, allServices });
    return scan;
  }
  try {
    const [services, deployments, statefulSets] = await Promise.all([
      core.listServiceForAllNamespaces({}),
      apps.listDeploymentForAllNamespaces({}),
      apps.listStatefulSetForAllNamespaces({}),
    ]);
    scan.objects.push(
      ...services.items.map(fromService),
      ...deployments.items.map((d) => fromWorkload("Deployment", d)),
      ...statefulSets.items.map((s) => fromWorkload("StatefulSet", s)),
    );
    scan.scanned.push({ context, namespace: "*", allServices });
    return scan;
  } catch (err) {
    if (statusOf(err) !== 403) throw err;
  }
  let namespaces: string[];
  try {
    namespaces = (await core.listNamespace()).items
      .map((n) => n.metadata?.name ?? "")
      .filter(Boolean);
  } catch (err) {
    scan.problems.push({
      context,
      namespace: "*",
      kind: "Namespace",
      name: "*",
      annotation: null,
      message: `may not list services in all namespaces, nor list namespaces (${reasonOf(err)}); give --namespace`,
    });
    return scan;
  }
  const listed: string[] = [];
  for (const namespace of namespaces)
    if (await inNamespace(namespace)) {
      listed.push(namespace);
      scan.scanned.push({ context, namespace, allServices });
    }
  scan.notes.push(
    `context ${context}: no permission to list services in all namespaces; listed the ${listed.length} namespace(s) you may list: ${listed.join(", ") || "none"}`,
  );
  return scan;
}
