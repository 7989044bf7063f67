// Named targetPorts, multi-port services, replicas with readiness flips, and each fault.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { apiGet, openPortForward, readyPods, until } from "./helpers.ts";

type Slice = {
  endpoints: { addresses: string[]; conditions: { ready: boolean }; targetRef: { name: string } }[];
  ports: { name: string; port: number }[];
};

describe("services, readiness and faults", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "test", replaceDelayMs: 300 });
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

  const slice = async (): Promise<Slice> =>
    (
      await apiGet(
        sim,
        "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io/service-name%3Dweb",
      )
    ).body.items[0];

  it("resolves the named targetPort and keeps both ports of a multi-port service", async () => {
    const svc = (await apiGet(sim, "/api/v1/namespaces/default/services/web")).body;
    expect(svc.spec.ports).toEqual([
      expect.objectContaining({ name: "http", port: 80, targetPort: "http" }),
      expect.objectContaining({ name: "echo", port: 9000, targetPort: 9000 }),
    ]);
    const s = await slice();
    expect(s.ports).toEqual([
      { name: "http", port: 8080, protocol: "TCP" },
      { name: "echo", port: 9000, protocol: "TCP" },
    ]);
    expect(s.endpoints).toHaveLength(2);
  });

  it("readiness flips move a replica out of and back into the endpoints", async () => {
    const [a, b] = readyPods(sim, "default", "web-").map((p) => p.metadata.name);
    expect(sim.setReady("default", a as string, false)).toBe(true);
    await until(
      async () =>
        (await slice()).endpoints.find((e) => e.targetRef.name === a)?.conditions.ready === false,
      "a not ready",
    );
    const ep = (await apiGet(sim, "/api/v1/namespaces/default/endpoints/web")).body;
    expect(
      ep.subsets[0].addresses.map((x: { targetRef: { name: string } }) => x.targetRef.name),
    ).toEqual([b]);
    expect(
      ep.subsets[0].notReadyAddresses.map((x: { targetRef: { name: string } }) => x.targetRef.name),
    ).toEqual([a]);
    const pod = sim.getPod("default", a as string);
    expect(pod?.status.conditions.find((c: { type: string }) => c.type === "Ready").status).toBe(
      "False",
    );
    sim.setReady("default", a as string, true);
    await until(
      async () => (await slice()).endpoints.every((e) => e.conditions.ready),
      "both ready again",
    );
  });

  it("a deleted replica is replaced by a new pod that becomes Ready", async () => {
    const before = readyPods(sim, "default", "web-").map((p) => p.metadata.name);
    const victim = before[0] as string;
    expect(sim.deletePod("default", victim)).toBe(true);
    expect(sim.getPod("default", victim)).toBeUndefined();
    const after = await until(() => {
      const now = readyPods(sim, "default", "web-").map((p) => p.metadata.name);
      return now.length === 2 && !now.includes(victim) && now;
    }, "replacement ready");
    expect(after).toContain(before[1]);
    await until(
      async () => (await slice()).endpoints.every((e) => e.targetRef.name !== victim),
      "slice updated",
    );
  });

  it("a watch on EndpointSlices sees the readiness flip", async () => {
    const list = (await apiGet(sim, "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices"))
      .body;
    const pod = readyPods(sim, "default", "web-")[0]?.metadata.name as string;
    const https = await import("node:https");
    const lines: string[] = [];
    const req = https.request(
      `${sim.server}/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?watch=1&resourceVersion=${list.metadata.resourceVersion}`,
      { ca: sim.caPem, headers: { Authorization: `Bearer ${sim.token}` } },
      (res) => res.on("data", (d) => lines.push(...String(d).split("\n").filter(Boolean))),
    );
    req.end();
    await new Promise((r) => setTimeout(r, 100));
    sim.setReady("default", pod, false);
    const ev = await until(
      () => lines.map((l) => JSON.parse(l)).find((e) => e.type === "MODIFIED"),
      "MODIFIED",
    );
    expect(ev.object.kind).toBe("EndpointSlice");
    req.destroy();
    sim.setReady("default", pod, true);
  });

  it("pauseApi refuses connections and resumeApi serves again on the same URL", async () => {
    await sim.pauseApi();
    await expect(apiGet(sim, "/version")).rejects.toThrow(/ECONNREFUSED/);
    await sim.resumeApi();
    expect((await apiGet(sim, "/version")).body.gitVersion).toMatch(/^v1\.32/);
  });

  it("setLatency delays answers (observed, not asserted as a timing budget)", async () => {
    sim.setLatency(300);
    const t0 = Date.now();
    await apiGet(sim, "/api/v1/namespaces");
    const slow = Date.now() - t0;
    sim.setLatency(0);
    expect(slow).toBeGreaterThanOrEqual(290);
  });

  it("dropConnections closes every stream of the pod and the pod keeps running", async () => {
    const pod = readyPods(sim, "default", "web-")[0]?.metadata.name as string;
    const a = await openPortForward(sim, "default", pod, [9000]);
    const b = await openPortForward(sim, "default", pod, [8080]);
    await until(() => a.headers.size === 2 && b.headers.size === 2, "headers");
    expect(sim.dropConnections("default", pod)).toBe(2);
    await Promise.all([a.closed, b.closed]);
    expect(sim.getPod("default", pod)?.status.phase).toBe("Running");
  });

  it("deleting a pod cuts its port-forward", async () => {
    const pod = readyPods(sim, "default", "web-")[0]?.metadata.name as string;
    const pf = await openPortForward(sim, "default", pod, [9000]);
    sim.deletePod("default", pod);
    await pf.closed;
  });

  it("Status errors carry reason and code", async () => {
    const r = await apiGet(sim, "/api/v1/namespaces/default/pods/missing");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "NotFound",
      code: 404,
    });
  });
});

describe("watch with a selector", () => {
  it("turns an object leaving the selector into DELETED and one entering it into ADDED", async () => {
    const sim = await startKubeSim({ scenario: "test" });
    try {
      await until(() => readyPods(sim, "default", "web-").length === 2, "web ready");
      const https = await import("node:https");
      const lines: { type: string; object: { metadata: { name: string } } }[] = [];
      const list = (await apiGet(sim, "/api/v1/namespaces/default/pods")).body;
      const req = https.request(
        `${sim.server}/api/v1/namespaces/default/pods?watch=1&fieldSelector=status.phase%3DRunning&resourceVersion=${list.metadata.resourceVersion}`,
        { ca: sim.caPem, headers: { Authorization: `Bearer ${sim.token}` } },
        (res) =>
          res.on("data", (d) =>
            lines.push(
              ...String(d)
                .split("\n")
                .filter(Boolean)
                .map((l) => JSON.parse(l)),
            ),
          ),
      );
      req.end();
      await new Promise((r) => setTimeout(r, 100));
      const victim = readyPods(sim, "default", "web-")[0]?.metadata.name as string;
      sim.deletePod("default", victim);
      await until(
        () => lines.some((e) => e.type === "DELETED" && e.object.metadata.name === victim),
        "DELETED",
      );
      // The replacement is Pending first (not matching), then Running: it arrives as ADDED.
      await until(
        () => lines.some((e) => e.type === "ADDED" && e.object.metadata.name.startsWith("web-")),
        "ADDED replacement",
      );
      expect(lines.filter((e) => e.object.metadata.name === victim).map((e) => e.type)).toEqual([
        "MODIFIED",
        "DELETED",
      ]);
      req.destroy();
    } finally {
      await sim.close();
    }
  });
});
