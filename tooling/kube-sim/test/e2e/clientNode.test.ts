// @kubernetes/client-node against the sim: list, watch (with reconnect), create/delete, port-forward.
import { PassThrough, Writable } from "node:stream";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { readyPods, until } from "./helpers.ts";

describe("@kubernetes/client-node against kube-sim", () => {
  let sim: KubeSim;
  let kc: k8s.KubeConfig;
  let core: k8s.CoreV1Api;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "test" });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(sim.kubeconfigPath);
    core = kc.makeApiClient(k8s.CoreV1Api);
    await until(() => readyPods(sim, "default", "web-").length === 2, "web ready").catch((e) => {
      console.log(
        "PODS",
        JSON.stringify(
          sim.listPods().map((p) => [p.metadata.name, p.status.phase, p.status.conditions]),
        ),
      );
      throw e;
    });
  });
  afterAll(() => sim.close());

  it("lists namespaces, services, pods by label and by name, endpoints and slices", async () => {
    const ns = await core.listNamespace();
    expect(ns.items.map((n) => n.metadata?.name)).toContain("default");
    const svc = await core.listServiceForAllNamespaces({ labelSelector: "app=web" });
    expect(svc.items.map((s) => s.metadata?.name)).toEqual(["web"]);
    expect(svc.metadata?.resourceVersion).toMatch(/^\d+$/);
    const pods = await core.listNamespacedPod({ namespace: "default", labelSelector: "app=web" });
    expect(pods.items).toHaveLength(2);
    const one = pods.items[0]?.metadata?.name as string;
    const byName = await core.listNamespacedPod({
      namespace: "default",
      fieldSelector: `metadata.name=${one}`,
    });
    expect(byName.items.map((p) => p.metadata?.name)).toEqual([one]);
    const ep = await core.readNamespacedEndpoints({ namespace: "default", name: "web" });
    expect(ep.subsets?.[0]?.addresses).toHaveLength(2);
    // Named targetPort `http` resolves to containerPort 8080.
    expect(ep.subsets?.[0]?.ports?.find((p) => p.name === "http")?.port).toBe(8080);
    const disc = kc.makeApiClient(k8s.DiscoveryV1Api);
    const slices = await disc.listNamespacedEndpointSlice({
      namespace: "default",
      labelSelector: "kubernetes.io/service-name=web",
    });
    expect(slices.items[0]?.endpoints?.every((e) => e.conditions?.ready)).toBe(true);
    await expect(
      core.readNamespacedPod({ namespace: "default", name: "nope" }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it("creates a pod that goes Pending → Running → Ready, and deletes it", async () => {
    const created = await core.createNamespacedPod({
      namespace: "default",
      body: {
        metadata: { generateName: "tmp-" },
        spec: { containers: [{ name: "c", image: "busybox" }] },
      },
    });
    expect(created.status?.phase).toBe("Pending");
    const name = created.metadata?.name as string;
    const ready = await until(async () => {
      const p = await core.readNamespacedPod({ namespace: "default", name });
      return p.status?.conditions?.find((c) => c.type === "Ready")?.status === "True" && p;
    }, "ready");
    expect(ready.status?.phase).toBe("Running");
    expect(ready.status?.podIP).toMatch(/^10\.244\./);
    await core.deleteNamespacedPod({ namespace: "default", name });
    await expect(core.readNamespacedPod({ namespace: "default", name })).rejects.toMatchObject({
      code: 404,
    });
  });

  it("an informer reconnects after pauseApi/resumeApi and sees a delete and the replacement", async () => {
    const informer = k8s.makeInformer(kc, "/api/v1/namespaces/default/pods", () =>
      core.listNamespacedPod({ namespace: "default" }),
    );
    const events: string[] = [];
    let errors = 0;
    informer.on("add", (p) => events.push(`add ${p.metadata?.name}`));
    informer.on("delete", (p) => events.push(`delete ${p.metadata?.name}`));
    informer.on("error", () => {
      errors++;
      setTimeout(() => void informer.start().catch(() => {}), 200);
    });
    await informer.start();
    await sim.pauseApi();
    await until(() => errors > 0, "watch error on pause");
    await sim.resumeApi();
    const victim = readyPods(sim, "default", "web-")[0]?.metadata.name as string;
    await new Promise((r) => setTimeout(r, 500));
    sim.deletePod("default", victim);
    await until(() => events.includes(`delete ${victim}`), "delete event");
    await until(
      () =>
        events.some((e) => e.startsWith("add web-") && !e.endsWith(victim)) &&
        informer.list().length >= 5,
      "replacement",
    );
    await informer.stop();
  });

  it("a raw Watch from an old resourceVersion after compact() gets 410", async () => {
    const list = await core.listNamespacedPod({ namespace: "default" });
    sim.compact();
    const got: { type: string; code?: number }[] = [];
    const w = new k8s.Watch(kc);
    await w.watch(
      "/api/v1/namespaces/default/pods",
      { resourceVersion: String(Number(list.metadata?.resourceVersion) - 1) },
      (type, obj) => got.push({ type, code: obj.code }),
      () => {},
    );
    await until(() => got.length > 0, "error event");
    expect(got[0]).toEqual({ type: "ERROR", code: 410 });
  });

  it("PortForward moves bytes over the WebSocket", async () => {
    const pod = readyPods(sim, "default", "web-")[0]?.metadata.name as string;
    const input = new PassThrough();
    let out = "";
    const output = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const pf = new k8s.PortForward(kc);
    const ws = (await pf.portForward("default", pod, [9000], output, null, input)) as {
      close(): void;
    };
    input.write("hello through client-node");
    await until(() => out === "hello through client-node", "echo");
    ws.close();
  });
});
