// The REST routes: discovery, namespaces, services, pods, endpoints, EndpointSlices, list + watch.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Attributes, forbiddenMessage, requestVerb, review } from "./access.ts";
import type { Cluster } from "./cluster.ts";
import {
  apiGroupList,
  apiVersions,
  appsResources,
  authorizationResources,
  coreResources,
  discoveryResources,
  version,
} from "./discovery.ts";
import { decodeAccessReview, PROTOBUF } from "./protobuf.ts";
import { queryBool, queryInt } from "./queryParams.ts";
import { editedObject, readBytes, readJson } from "./requestBody.ts";
import { parseFieldSelector, parseLabelSelector } from "./selectors.ts";
import { notFound, sendJson, sendStatus, statusObject } from "./status.ts";
import type { Kind, KObject, WatchEvent } from "./store.ts";
import { toTable, wantsTable } from "./tables.ts";

const KIND_NAME: Record<Kind, { list: string; kind: string; apiVersion: string; one: string }> = {
  namespaces: { list: "NamespaceList", kind: "Namespace", apiVersion: "v1", one: "namespaces" },
  pods: { list: "PodList", kind: "Pod", apiVersion: "v1", one: "pods" },
  services: { list: "ServiceList", kind: "Service", apiVersion: "v1", one: "services" },
  endpoints: { list: "EndpointsList", kind: "Endpoints", apiVersion: "v1", one: "endpoints" },
  endpointslices: {
    list: "EndpointSliceList",
    kind: "EndpointSlice",
    apiVersion: "discovery.k8s.io/v1",
    one: "endpointslices",
  },
  deployments: {
    list: "DeploymentList",
    kind: "Deployment",
    apiVersion: "apps/v1",
    one: "deployments",
  },
  statefulsets: {
    list: "StatefulSetList",
    kind: "StatefulSet",
    apiVersion: "apps/v1",
    one: "statefulsets",
  },
};

/** Objects a client may change with PATCH and PUT. */
const EDITABLE = new Set<Kind>(["services", "deployments", "statefulsets"]);

const WATCHABLE = new Set<Kind>([
  "pods",
  "services",
  "endpointslices",
  "endpoints",
  "namespaces",
  "deployments",
  "statefulsets",
]);

export type Route = { kind: Kind; ns?: string; name?: string; sub?: string; group: string };

/** Parses an API path into kind / namespace / name / subresource. */
export function route(path: string): Route | undefined {
  let m =
    /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?(pods|services|endpoints)(?:\/([^/]+)(?:\/(\w+))?)?$/.exec(
      path,
    );
  if (m) return { kind: m[2] as Kind, ns: m[1], name: m[3], sub: m[4], group: "" };
  m = /^\/api\/v1\/namespaces(?:\/([^/]+))?$/.exec(path);
  if (m) return { kind: "namespaces", name: m[1], group: "" };
  m =
    /^\/apis\/discovery\.k8s\.io\/v1\/(?:namespaces\/([^/]+)\/)?endpointslices(?:\/([^/]+))?$/.exec(
      path,
    );
  if (m) return { kind: "endpointslices", ns: m[1], name: m[2], group: "discovery.k8s.io" };
  m =
    /^\/apis\/apps\/v1\/(?:namespaces\/([^/]+)\/)?(deployments|statefulsets)(?:\/([^/]+)(?:\/(\w+))?)?$/.exec(
      path,
    );
  if (m) return { kind: m[2] as Kind, ns: m[1], name: m[3], sub: m[4], group: "apps" };
  return undefined;
}

function withKind(kind: Kind, o: KObject): KObject {
  return { apiVersion: KIND_NAME[kind].apiVersion, kind: KIND_NAME[kind].kind, ...o };
}

/** What RBAC checks for a request on this route. */
export function requestAttributes(r: Route, method: string, watch: boolean): Attributes {
  return {
    verb: requestVerb(method, r.name !== undefined, watch),
    resource: r.sub ? `${r.kind}/${r.sub}` : r.kind,
    group: r.group,
    // A namespace object is authorized within itself, as the API server's request info does.
    namespace: r.kind === "namespaces" ? r.name : r.ns,
    name: r.name,
  };
}

export async function handleApi(
  cluster: Cluster,
  req: IncomingMessage,
  res: ServerResponse,
  track: (res: ServerResponse) => void,
): Promise<void> {
  const url = new URL(req.url ?? "/", "https://sim");
  const path = url.pathname.replace(/\/$/, "") || "/";
  const q = url.searchParams;
  const method = req.method ?? "GET";
  if (method === "GET") {
    if (path === "/version") return sendJson(res, 200, version);
    if (path === "/api") return sendJson(res, 200, apiVersions);
    if (path === "/apis") return sendJson(res, 200, apiGroupList);
    if (path === "/api/v1") return sendJson(res, 200, coreResources);
    if (path === "/apis/discovery.k8s.io/v1") return sendJson(res, 200, discoveryResources);
    if (path === "/apis/authorization.k8s.io/v1") return sendJson(res, 200, authorizationResources);
    if (path === "/apis/apps/v1") return sendJson(res, 200, appsResources);
    if (path === "/healthz" || path === "/readyz" || path === "/livez") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
  }
  if (method === "POST" && path === "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews") {
    let body: object | undefined;
    if (String(req.headers["content-type"]).startsWith(PROTOBUF)) {
      try {
        body = decodeAccessReview(await readBytes(req));
      } catch (e) {
        return sendStatus(res, 400, `invalid protobuf body: ${(e as Error).message}`);
      }
    } else body = await readJson(req, res);
    if (body === undefined) return;
    return sendJson(res, 201, review(cluster.access, body));
  }
  const r = route(path);
  if (!r) return sendStatus(res, 404, "the server could not find the requested resource");
  const store = cluster.store;
  const meta = KIND_NAME[r.kind];
  const attrs = requestAttributes(r, method, queryBool(q, "watch"));
  if (cluster.access.denied(attrs)) {
    return sendStatus(res, 403, forbiddenMessage(attrs), {
      ...(r.name ? { name: r.name } : {}),
      group: r.group,
      kind: r.kind,
    });
  }

  if (
    r.ns &&
    r.kind !== "namespaces" &&
    !store.get("namespaces", undefined, r.ns) &&
    method !== "GET"
  ) {
    return notFound(res, "namespaces", r.ns);
  }

  if (r.sub === "portforward") {
    return sendStatus(res, 400, "Upgrade request required");
  }
  if (r.sub === "log" && r.kind === "pods" && r.name && r.ns) {
    const logs = cluster.podLogs(r.ns, r.name, {
      tailLines: queryInt(q, "tailLines"),
      sinceSeconds: queryInt(q, "sinceSeconds"),
      timestamps: queryBool(q, "timestamps"),
      previous: queryBool(q, "previous"),
    });
    if (logs === undefined) return notFound(res, "pods", r.name);
    if ("error" in logs) return sendStatus(res, 400, logs.error);
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(logs.text);
    return;
  }
  if (r.sub === "status" && method === "GET" && r.name) {
    const o = store.get(r.kind, r.ns, r.name);
    return o ? sendJson(res, 200, withKind(r.kind, o)) : notFound(res, r.kind, r.name, r.group);
  }
  if (r.sub) return sendStatus(res, 404, "the server could not find the requested resource");

  if (method === "GET" && r.name) {
    const o = store.get(r.kind, r.ns, r.name);
    if (!o) return notFound(res, r.kind, r.name, r.group);
    if (wantsTable(req.headers.accept))
      return sendJson(res, 200, toTable(r.kind, [o], o.metadata.resourceVersion));
    return sendJson(res, 200, withKind(r.kind, o));
  }

  if (method === "GET") {
    const labels = parseLabelSelector(q.get("labelSelector"));
    const fields = parseFieldSelector(q.get("fieldSelector"));
    const match = (o: KObject) =>
      (r.ns === undefined || o.metadata.namespace === r.ns) &&
      labels(o.metadata.labels) &&
      fields(o);
    const table = wantsTable(req.headers.accept);
    if (queryBool(q, "watch")) {
      if (!WATCHABLE.has(r.kind))
        return sendStatus(res, 405, `watch is not supported on ${r.kind}`);
      return watch(cluster, r.kind, q, match, table, res, track);
    }
    const items = store.list(r.kind, r.ns).filter(match);
    const rv = String(store.rv);
    if (table) return sendJson(res, 200, toTable(r.kind, items, rv));
    return sendJson(res, 200, {
      kind: meta.list,
      apiVersion: meta.apiVersion,
      metadata: { resourceVersion: rv },
      items: items.map((o) => withKind(r.kind, o)),
    });
  }

  if (method === "POST" && r.kind === "pods" && r.ns && !r.name) {
    const body = await readJson(req, res);
    if (body === undefined) return;
    body.metadata ??= {} as KObject["metadata"];
    if (body.metadata.namespace && body.metadata.namespace !== r.ns) {
      return sendStatus(
        res,
        400,
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    body.metadata.namespace = r.ns;
    if (!body.metadata.name && !body.metadata.generateName) {
      return sendStatus(
        res,
        422,
        "Pod is invalid: metadata.name: Required value: name or generateName is required",
      );
    }
    if (!Array.isArray(body.spec?.containers) || body.spec.containers.length === 0) {
      return sendStatus(
        res,
        422,
        `Pod "${body.metadata.name ?? ""}" is invalid: spec.containers: Required value`,
      );
    }
    if (body.metadata.name && store.get("pods", r.ns, body.metadata.name)) {
      return sendStatus(res, 409, `pods "${body.metadata.name}" already exists`, {
        name: body.metadata.name,
        kind: "pods",
      });
    }
    if (q.get("dryRun")) return sendJson(res, 201, withKind("pods", body));
    const created = await cluster.createPod(body);
    return sendJson(res, 201, withKind("pods", created));
  }

  if ((method === "PATCH" || method === "PUT") && EDITABLE.has(r.kind) && r.ns && r.name) {
    const current = store.get(r.kind, r.ns, r.name);
    if (!current) return notFound(res, r.kind, r.name, r.group);
    const edited = await editedObject(req, res, method, current, r.kind, meta.kind);
    if (edited === undefined) return;
    if (queryBool(q, "dryRun") || q.get("dryRun"))
      return sendJson(res, 200, withKind(r.kind, edited));
    const saved = store.put(r.kind, edited);
    if (r.kind === "services") cluster.reconcileEndpoints(r.ns);
    return sendJson(res, 200, withKind(r.kind, saved));
  }

  if (method === "DELETE" && r.kind === "pods" && r.ns && r.name) {
    const gone = cluster.deletePod(r.ns, r.name);
    if (!gone) return notFound(res, "pods", r.name);
    return sendJson(res, 200, withKind("pods", gone));
  }

  return sendStatus(res, 405, `${method} is not supported on ${r.kind}`);
}

function watch(
  cluster: Cluster,
  kind: Kind,
  q: URLSearchParams,
  match: (o: KObject) => boolean,
  table: boolean,
  res: ServerResponse,
  track: (res: ServerResponse) => void,
) {
  const store = cluster.store;
  res.writeHead(200, {
    "content-type": "application/json",
    "transfer-encoding": "chunked",
    "cache-control": "no-cache, private",
  });
  res.flushHeaders();
  track(res);
  let headers = true;
  const write = (type: string, o: KObject) => {
    const object = table
      ? toTable(kind, [o], o.metadata.resourceVersion, headers)
      : withKind(kind, o);
    headers = false;
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const rvParam = q.get("resourceVersion");
  // As the real API does for selector watches: an object that starts matching arrives as ADDED,
  // one that stops matching as DELETED.
  const seen = new Set<string>();
  const id = (o: KObject) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
  const send = (e: WatchEvent) => {
    const k = id(e.object);
    const now = e.type !== "DELETED" && match(e.object);
    const was = seen.has(k);
    if (now) seen.add(k);
    else seen.delete(k);
    if (now) write(was ? "MODIFIED" : "ADDED", e.object);
    else if (was || (e.type === "DELETED" && match(e.object))) write("DELETED", e.object);
  };
  if (!rvParam || rvParam === "0") {
    for (const o of store.list(kind)) if (match(o)) send({ type: "ADDED", object: o, rv: 0 });
  } else {
    const past = store.since(kind, Number(rvParam));
    if (past === "gone") {
      res.end(
        `${JSON.stringify({
          type: "ERROR",
          object: statusObject(410, `too old resource version: ${rvParam} (${store.rv})`),
        })}\n`,
      );
      return;
    }
    // Objects matching at `rvParam` count as already seen by the client.
    for (const o of store.list(kind))
      if (match(o) && Number(o.metadata.resourceVersion) <= Number(rvParam)) seen.add(id(o));
    const touched = new Set<string>();
    for (const e of past) {
      // First event for an object since rvParam: a change that still matches was matching before
      // (the history does not keep the earlier state, so this is the conservative guess).
      const k = id(e.object);
      if (!touched.has(k)) {
        touched.add(k);
        if (e.type !== "ADDED" && match(e.object)) seen.add(k);
      }
      send(e);
    }
  }
  const unsubscribe = store.subscribe(kind, send);
  const timeout = Number(q.get("timeoutSeconds") ?? 0);
  const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
  res.on("close", () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  });
}
