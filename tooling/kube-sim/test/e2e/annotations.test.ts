// Annotated Services and workloads (what discovery reads), changed at run time by kubectl
// annotate/patch, by PATCH/PUT and by the sim, with watches seeing each change; a namespace the
// user may not list.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { hasKubectl, until } from "./helpers.ts";
import { apiRequest } from "./relayHelpers.ts";
import { type SimProcess, startSimProcess } from "./simProcess.ts";

const run = promisify(execFile);
type Annotated = { metadata?: { name?: string; annotations?: Record<string, string> } };

/** A client-node watch on Services of one namespace, keeping the last object seen per name. */
async function watchServices(kc: k8s.KubeConfig, ns: string) {
  const seen = new Map<string, Annotated>();
  const types: string[] = [];
  const req = await new k8s.Watch(kc).watch(
    `/api/v1/namespaces/${ns}/services`,
    {},
    (type: string, obj: Annotated) => {
      types.push(type);
      seen.set(obj.metadata?.name ?? "", obj);
    },
    () => {},
  );
  return { seen, types, stop: () => req.abort() };
}

describe("annotations on Services and workloads (demo)", () => {
  let sim: KubeSim;
  let kc: k8s.KubeConfig;
  const kubectl = (...args: string[]) =>
    run("kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args]).then((r) => r.stdout);
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "demo" });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
  });
  afterAll(() => sim.close());

  it("the demo annotates services in both styles, a malformed one, and a Deployment", async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const ann = async (ns: string, name: string) =>
      (await core.readNamespacedService({ name, namespace: ns })).metadata?.annotations;
    expect(await ann("webapp", "frontend-service")).toEqual({
      "kftray.app/configs": "web-ui-8080-http",
    });
    expect(JSON.parse((await ann("backend", "auth"))?.["ferry.dev/forwards"] ?? "")).toEqual([
      { alias: "auth-api", port: "http", localPort: 18080, localAddress: "127.0.0.2" },
    ]);
    expect(await ann("backend", "auth-admin")).toEqual({ "kftray.app/configs": "admin-console" });
    expect(await ann("kftray-relay", "kube-dns")).toEqual({
      "kftray.app/configs": "cluster-dns-5353-dns",
    });
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const deploy = await apps.readNamespacedDeployment({ name: "auth", namespace: "backend" });
    expect(deploy.metadata?.annotations).toEqual({ "kftray.app/configs": "auth-pod-18081-8080" });
    expect(deploy.spec?.selector.matchLabels).toEqual({ app: "auth" });
    const all = await apps.listDeploymentForAllNamespaces();
    expect(all.items.map((d) => d.metadata?.name).sort()).toEqual(["auth", "coredns", "frontend"]);
  });

  it.skipIf(!hasKubectl)("kubectl annotate svc and deploy, seen by a watch", async () => {
    const w = await watchServices(kc, "webapp");
    await until(() => w.seen.has("frontend-service"), "watch started");
    const value = '[{"alias":"shop","port":"http","localPort":18000}]';
    expect(
      await kubectl(
        "annotate",
        "svc",
        "frontend-service",
        "-n",
        "webapp",
        `ferry.dev/forwards=${value}`,
      ),
    ).toMatch(/service\/frontend-service annotated/);
    await until(
      () => w.seen.get("frontend-service")?.metadata?.annotations?.["ferry.dev/forwards"] === value,
      "MODIFIED with the new annotation",
    );
    expect(w.types).toContain("MODIFIED");
    await kubectl("annotate", "svc", "frontend-service", "-n", "webapp", "kftray.app/configs-");
    await until(
      () =>
        w.seen.get("frontend-service")?.metadata?.annotations?.["kftray.app/configs"] === undefined,
      "the removal",
    );
    expect(w.seen.get("frontend-service")?.metadata?.annotations).toEqual({
      "ferry.dev/forwards": value,
    });
    await expect(
      kubectl("annotate", "svc", "frontend-service", "-n", "webapp", "ferry.dev/forwards=other"),
    ).rejects.toThrow(/--overwrite is false/);
    w.stop();

    await kubectl("annotate", "deploy", "auth", "-n", "backend", "kftray.app/enabled=true");
    const got = await kubectl("get", "deploy", "auth", "-n", "backend", "-o", "json");
    expect(JSON.parse(got).metadata.annotations).toMatchObject({ "kftray.app/enabled": "true" });
  });

  it.skipIf(!hasKubectl)("kubectl patch: strategic (default) and merge", async () => {
    const patchAuth = (...args: string[]) =>
      kubectl("patch", "svc", "auth", "-n", "backend", ...args);
    await patchAuth("-p", '{"metadata":{"annotations":{"kftray.app/configs":"auth-8081-http"}}}');
    await patchAuth(
      "--type=merge",
      "-p",
      '{"metadata":{"annotations":{"ferry.dev/forwards":null}}}',
    );
    const svc = JSON.parse(await kubectl("get", "svc", "auth", "-n", "backend", "-o", "json"));
    expect(svc.metadata.annotations).toEqual({ "kftray.app/configs": "auth-8081-http" });
    expect(svc.spec.ports).toEqual([
      { name: "http", port: 8080, targetPort: 8080, protocol: "TCP" },
    ]);
  });

  it("PUT replaces, a stale resourceVersion is a 409 Conflict, JSON patch is refused", async () => {
    const path = "/api/v1/namespaces/kftray-relay/services/kube-dns";
    const current = (await apiRequest(sim, "GET", path)).json();
    const w = await watchServices(kc, "kftray-relay");
    await until(() => w.seen.has("kube-dns"), "watch started");
    current.metadata.annotations = { "kftray.app/enabled": "true" };
    const put = await apiRequest(sim, "PUT", path, current);
    expect(put.status).toBe(200);
    expect(put.json().metadata.annotations).toEqual({ "kftray.app/enabled": "true" });
    expect(Number(put.json().metadata.resourceVersion)).toBeGreaterThan(
      Number(current.metadata.resourceVersion),
    );
    expect(put.json().spec.clusterIP).toBe("10.96.0.10");
    await until(
      () => w.seen.get("kube-dns")?.metadata?.annotations?.["kftray.app/enabled"] === "true",
      "the watch sees the PUT",
    );
    w.stop();
    const stale = await apiRequest(sim, "PUT", path, current);
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ reason: "Conflict", code: 409 });
    const jsonPatch = await apiRequest(
      sim,
      "PATCH",
      path,
      [{ op: "add", path: "/metadata/annotations/x", value: "y" }],
      "application/json-patch+json",
    );
    expect(jsonPatch.status).toBe(415);
    const merge = await apiRequest(
      sim,
      "PATCH",
      path,
      { metadata: { annotations: { x: "y" } } },
      "application/merge-patch+json",
    );
    expect(merge.json().metadata.annotations).toEqual({ "kftray.app/enabled": "true", x: "y" });
  });

  it("sim.annotate sets and removes, and a watch sees it", async () => {
    const w = await watchServices(kc, "backend");
    await until(() => w.seen.has("auth-admin"), "watch started");
    expect(
      sim.annotate("services", "backend", "auth-admin", {
        "kftray.app/configs": "admin-9090-admin",
      }),
    ).toBe(true);
    await until(
      () =>
        w.seen.get("auth-admin")?.metadata?.annotations?.["kftray.app/configs"] ===
        "admin-9090-admin",
      "MODIFIED",
    );
    sim.annotate("services", "backend", "auth-admin", { "kftray.app/configs": null });
    await until(
      () => w.seen.get("auth-admin")?.metadata?.annotations?.["kftray.app/configs"] === undefined,
      "removed",
    );
    expect(sim.annotate("services", "backend", "nope", { a: "b" })).toBe(false);
    w.stop();
  });
});

describe("StatefulSets and a namespace the user may not list", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({
      replaceDelayMs: 100,
      scenario: {
        namespaces: ["data", "secret"],
        workloads: [
          {
            name: "db",
            namespace: "data",
            kind: "StatefulSet",
            replicas: 2,
            annotations: { "ferry.dev/forwards": '[{"alias":"db","port":5432}]' },
            ports: [{ name: "pg", containerPort: 5432, backend: "tcp-echo" }],
          },
        ],
        services: [
          { name: "db", namespace: "data", selector: { app: "db" }, ports: [{ port: 5432 }] },
          {
            name: "vault",
            namespace: "secret",
            selector: { app: "vault" },
            ports: [{ port: 8200 }],
          },
        ],
        deny: [{ verbs: ["list", "watch"], resources: ["services"], namespaces: ["secret"] }],
      },
    });
  });
  afterAll(() => sim.close());

  it("a StatefulSet has ordinal pods, replaced under the same name", async () => {
    await until(() => sim.listPods("data").length === 2, "two pods");
    expect(sim.listPods("data").map((p) => p.metadata.name)).toEqual(["db-0", "db-1"]);
    const uid = sim.getPod("data", "db-0")?.metadata.uid;
    sim.deletePod("data", "db-0");
    await until(() => {
      const p = sim.getPod("data", "db-0");
      return p && p.metadata.uid !== uid && p.status.phase === "Running";
    }, "db-0 again");
    const sts = (
      await apiRequest(sim, "GET", "/apis/apps/v1/namespaces/data/statefulsets/db")
    ).json();
    expect(sts).toMatchObject({ kind: "StatefulSet", spec: { replicas: 2 } });
    expect(sts.metadata.annotations["ferry.dev/forwards"]).toBe('[{"alias":"db","port":5432}]');
  });

  it("listing services in the denied namespace is 403, elsewhere 200", async () => {
    const denied = await apiRequest(sim, "GET", "/api/v1/namespaces/secret/services");
    expect(denied.status).toBe(403);
    expect(denied.json().message).toBe(
      'services is forbidden: User "kube-sim-user" cannot list resource "services" in API group "" in the namespace "secret"',
    );
    expect((await apiRequest(sim, "GET", "/api/v1/namespaces/data/services")).status).toBe(200);
    expect((await apiRequest(sim, "GET", "/api/v1/services")).status).toBe(403);
  });

  it.skipIf(!hasKubectl)("kubectl get svc -n secret says Forbidden; get sts works", async () => {
    const k = (...args: string[]) => run("kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args]);
    await expect(k("get", "svc", "-n", "secret")).rejects.toThrow(
      /Forbidden.*cannot list resource "services"/s,
    );
    expect((await k("get", "sts", "-n", "data")).stdout).toMatch(/^db\s/m);
  });
});

describe("annotate from the CLI's stdin", () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSimProcess("demo");
  });
  afterAll(() => sim.close());

  it("sets and removes an annotation on a service and a deployment", async () => {
    const api = { server: sim.server, caPem: sim.ca, token: sim.token };
    await sim.command(
      "annotate svc webapp frontend-service team=web kftray.app/configs-",
      /annotated/,
    );
    const svc = (
      await apiRequest(api, "GET", "/api/v1/namespaces/webapp/services/frontend-service")
    ).json();
    expect(svc.metadata.annotations).toEqual({ team: "web" });
    await sim.command("annotate deploy backend auth kftray.app/enabled=true", /annotated/);
    const d = (
      await apiRequest(api, "GET", "/apis/apps/v1/namespaces/backend/deployments/auth")
    ).json();
    expect(d.metadata.annotations["kftray.app/enabled"]).toBe("true");
    expect(await sim.command("annotate svc webapp nope a=b", /not found/)).toBeTruthy();
    expect(await sim.command("annotate svc webapp", /usage: annotate/)).toBeTruthy();
  });
});
