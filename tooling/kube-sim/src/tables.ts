// Server-side printing (`as=Table`), which kubectl get asks for.
import type { Kind, KObject } from "./store.ts";

type Col = { name: string; type: string; format?: string; priority?: number };

export function age(ts: string | undefined): string {
  if (!ts) return "<unknown>";
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

const COLUMNS: Partial<Record<Kind, Col[]>> = {
  namespaces: [
    { name: "Name", type: "string", format: "name" },
    { name: "Status", type: "string" },
    { name: "Age", type: "string" },
  ],
  pods: [
    { name: "Name", type: "string", format: "name" },
    { name: "Ready", type: "string" },
    { name: "Status", type: "string" },
    { name: "Restarts", type: "string" },
    { name: "Age", type: "string" },
    { name: "IP", type: "string", priority: 1 },
    { name: "Node", type: "string", priority: 1 },
    { name: "Nominated Node", type: "string", priority: 1 },
    { name: "Readiness Gates", type: "string", priority: 1 },
  ],
  services: [
    { name: "Name", type: "string", format: "name" },
    { name: "Type", type: "string" },
    { name: "Cluster-IP", type: "string" },
    { name: "External-IP", type: "string" },
    { name: "Port(s)", type: "string" },
    { name: "Age", type: "string" },
    { name: "Selector", type: "string", priority: 1 },
  ],
};

const GENERIC: Col[] = [
  { name: "Name", type: "string", format: "name" },
  { name: "Age", type: "string" },
];

function cells(kind: Kind, o: KObject): unknown[] {
  const a = age(o.metadata.creationTimestamp);
  if (kind === "namespaces") return [o.metadata.name, o.status?.phase ?? "Active", a];
  if (kind === "pods") {
    const cs = o.status?.containerStatuses ?? [];
    // biome-ignore lint/suspicious/noExplicitAny: open JSON.
    const ready = cs.filter((c: any) => c.ready).length;
    let status = o.status?.phase ?? "Pending";
    // biome-ignore lint/suspicious/noExplicitAny: open JSON.
    const waiting = cs.find((c: any) => c.state?.waiting)?.state.waiting.reason;
    // biome-ignore lint/suspicious/noExplicitAny: open JSON.
    const term = cs.find((c: any) => c.state?.terminated)?.state.terminated.reason;
    if (term) status = term;
    if (waiting) status = waiting;
    if (o.status?.reason) status = o.status.reason;
    if (o.metadata.deletionTimestamp) status = "Terminating";
    // biome-ignore lint/suspicious/noExplicitAny: open JSON.
    const restarts = cs.reduce((n: number, c: any) => n + (c.restartCount ?? 0), 0);
    return [
      o.metadata.name,
      `${ready}/${o.spec?.containers?.length ?? 0}`,
      status,
      String(restarts),
      a,
      o.status?.podIP ?? "<none>",
      o.spec?.nodeName ?? "<none>",
      "<none>",
      "<none>",
    ];
  }
  if (kind === "services") {
    const ports = (o.spec?.ports ?? [])
      // biome-ignore lint/suspicious/noExplicitAny: open JSON.
      .map((p: any) => `${p.port}/${p.protocol ?? "TCP"}`)
      .join(",");
    const sel = Object.entries(o.spec?.selector ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    return [
      o.metadata.name,
      o.spec?.type ?? "ClusterIP",
      o.spec?.clusterIP ?? "None",
      "<none>",
      ports,
      a,
      sel || "<none>",
    ];
  }
  return [o.metadata.name, a];
}

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept.split(",")[0] ?? "");
}

export function toTable(kind: Kind, objs: KObject[], resourceVersion: string, headers = true) {
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: headers
      ? (COLUMNS[kind] ?? GENERIC).map((c) => ({ description: "", priority: 0, format: "", ...c }))
      : [],
    rows: objs.map((o) => ({
      cells: cells(kind, o),
      object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    })),
  };
}
