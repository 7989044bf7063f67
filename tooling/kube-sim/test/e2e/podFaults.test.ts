// Failures a real cluster shows, emulated with the pod status shapes a kubelet reports: images
// that never pull, pods that never schedule, evictions; and RBAC denials with
// SelfSubjectAccessReview. Each through the method, and through the CLI's stdin.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import type { KObject } from "../../src/store.ts";
import { hasKubectl, openPortForward, readyPods, until } from "./helpers.ts";
import {
  apiRequest,
  containerPids,
  createPod,
  isReady,
  RELAY_NS,
  relayPod,
} from "./relayHelpers.ts";
import { type SimProcess, startSimProcess } from "./simProcess.ts";

const run = promisify(execFile);
const condition = (pod: KObject | undefined, type: string) =>
  pod?.status.conditions?.find((c: { type: string }) => c.type === type);

describe("pod failures", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "demo", readyDelayMs: 400 });
    await until(() => readyPods(sim, "webapp", "frontend-").length === 2, "frontend ready");
  });
  afterAll(() => sim.close());
  const pod = (name: string) => sim.getPod(RELAY_NS, name);
  const relayTo = (name: string) =>
    relayPod(name, { REMOTE_ADDRESS: "auth.backend", REMOTE_PORT: "8080" });

  it("an image that never pulls: ErrImagePull, then ImagePullBackOff, Pending, no container", async () => {
    sim.failImagePulls("mirror\\.internal/");
    const body = relayTo("relay-nopull");
    body.spec.containers[0]!.image = "mirror.internal/library/node:24.11.1-alpine";
    await createPod(sim, body);
    const seen = new Set<string>();
    await until(() => {
      const reason = pod("relay-nopull")?.status.containerStatuses?.[0]?.state?.waiting?.reason;
      if (reason) seen.add(reason);
      return reason === "ImagePullBackOff";
    }, "ImagePullBackOff");
    expect([...seen]).toEqual(expect.arrayContaining(["ErrImagePull", "ImagePullBackOff"]));
    const p = pod("relay-nopull")!;
    expect(p.status.phase).toBe("Pending");
    expect(p.status.containerStatuses[0].state.waiting.message).toBe(
      'Back-off pulling image "mirror.internal/library/node:24.11.1-alpine"',
    );
    expect(p.status.containerStatuses[0].ready).toBe(false);
    expect(containerPids("relay-nopull")).toEqual([]);
    const log = await apiRequest(
      sim,
      "GET",
      `/api/v1/namespaces/${RELAY_NS}/pods/relay-nopull/log`,
    );
    expect(log.status).toBe(400);
    expect(log.json().message).toBe(
      'container "relay" in pod "relay-nopull" is waiting to start: ImagePullBackOff',
    );
    sim.clearImagePullFailures();
    await createPod(sim, relayTo("relay-pulls"));
    await until(() => isReady(sim, "relay-pulls"), "a pod after the rule is cleared runs");
  });

  it("a pod that never schedules: Pending, PodScheduled False (Unschedulable), no node", async () => {
    sim.setUnschedulable(RELAY_NS, true);
    await createPod(sim, relayTo("relay-nosched"));
    await new Promise((r) => setTimeout(r, 600));
    const p = pod("relay-nosched")!;
    expect(p.status.phase).toBe("Pending");
    expect(p.status.conditions).toHaveLength(1);
    expect(condition(p, "PodScheduled")).toMatchObject({
      status: "False",
      reason: "Unschedulable",
      message: expect.stringMatching(/^0\/1 nodes are available: 1 Insufficient cpu/),
    });
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status.containerStatuses).toBeUndefined();
    expect(containerPids("relay-nosched")).toEqual([]);
    sim.setUnschedulable(RELAY_NS, false);
  });

  it("an evicted relay pod: Failed, reason Evicted, its process and port-forwards gone", async () => {
    await createPod(sim, relayTo("relay-evict"));
    await until(() => isReady(sim, "relay-evict"), "relay ready");
    const pf = await openPortForward(sim, RELAY_NS, "relay-evict", [8080]);
    expect(containerPids("relay-evict")).toHaveLength(1);
    expect(sim.evictPod(RELAY_NS, "relay-evict")).toBe(true);
    await pf.closed;
    const p = pod("relay-evict")!;
    expect(p.status).toMatchObject({
      phase: "Failed",
      reason: "Evicted",
      message: expect.stringMatching(/^The node was low on resource: memory/),
    });
    expect(condition(p, "Ready").status).toBe("False");
    expect(condition(p, "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "TerminationByKubelet",
    });
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137 });
    await until(() => containerPids("relay-evict").length === 0, "relay process gone");
    expect(sim.evictPod(RELAY_NS, "relay-evict")).toBe(false);
  });

  it("an evicted workload pod stays Failed, leaves the endpoints, and is replaced", async () => {
    const [victim] = readyPods(sim, "webapp", "frontend-");
    const name = victim!.metadata.name as string;
    const ip = victim!.status.podIP;
    expect(sim.evictPod("webapp", name)).toBe(true);
    await until(() => readyPods(sim, "webapp", "frontend-").length === 2, "replacement ready");
    expect(sim.getPod("webapp", name)?.status.reason).toBe("Evicted");
    const slices = await apiRequest(
      sim,
      "GET",
      "/apis/discovery.k8s.io/v1/namespaces/webapp/endpointslices",
    );
    const addresses = slices
      .json()
      .items[0].endpoints.flatMap((e: { addresses: string[] }) => e.addresses);
    expect(addresses).toHaveLength(2);
    expect(addresses).not.toContain(ip);
  });
});

describe("RBAC: deny rules and SelfSubjectAccessReview", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({
      scenario: {
        namespaces: ["open", "locked"],
        workloads: [
          { name: "web", namespace: "locked", ports: [{ containerPort: 8080, backend: "http" }] },
        ],
        services: [
          { name: "web", namespace: "locked", selector: { app: "web" }, ports: [{ port: 80 }] },
        ],
        deny: [
          { verbs: ["create"], resources: ["pods", "pods/portforward"], namespaces: ["locked"] },
          { verbs: ["list", "watch"], resources: ["services"], namespaces: ["locked"] },
        ],
      },
    });
    await until(() => readyPods(sim, "locked", "web-").length === 1, "web ready");
  });
  afterAll(() => sim.close());

  const ssar = async (verb: string, resource: string, subresource: string, namespace: string) => {
    const r = await apiRequest(
      sim,
      "POST",
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes: { verb, resource, subresource, namespace } },
      },
    );
    expect(r.status).toBe(201);
    return r.json().status.allowed as boolean;
  };

  it("answers SelfSubjectAccessReview from the rules", async () => {
    expect(await ssar("create", "pods", "", "locked")).toBe(false);
    expect(await ssar("create", "pods", "portforward", "locked")).toBe(false);
    expect(await ssar("get", "pods", "", "locked")).toBe(true);
    expect(await ssar("create", "pods", "", "open")).toBe(true);
  });

  it("refuses the denied requests with 403 Forbidden, and a port-forward upgrade too", async () => {
    const created = await apiRequest(
      sim,
      "POST",
      "/api/v1/namespaces/locked/pods",
      relayPod("x", {}),
    );
    expect(created.status).toBe(403);
    expect(created.json()).toMatchObject({
      reason: "Forbidden",
      message:
        'pods is forbidden: User "kube-sim-user" cannot create resource "pods" in API group "" in the namespace "locked"',
    });
    const listed = await apiRequest(sim, "GET", "/api/v1/services");
    expect(listed.status).toBe(403);
    expect(listed.json().message).toMatch(
      /cannot list resource "services" .* at the cluster scope$/,
    );
    expect((await apiRequest(sim, "GET", "/api/v1/namespaces/open/services")).status).toBe(200);
    const pod = readyPods(sim, "locked", "web-")[0]!.metadata.name as string;
    await expect(openPortForward(sim, "locked", pod, [8080])).rejects.toThrow("HTTP 403");
    sim.allowAllAccess();
    expect(await ssar("create", "pods", "", "locked")).toBe(true);
    (await openPortForward(sim, "locked", pod, [8080])).ws.close();
    sim.denyAccess({ verbs: ["create"], resources: ["pods/portforward"], namespaces: ["locked"] });
    expect(await ssar("create", "pods", "portforward", "locked")).toBe(false);
  });

  it.skipIf(!hasKubectl)("kubectl auth can-i and kubectl get see the same answers", async () => {
    const kubectl = (...args: string[]) =>
      run("kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args]).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({
          code: e.code,
          out: e.stdout + e.stderr,
        }),
      );
    expect(
      await kubectl("auth", "can-i", "create", "pods", "--subresource=portforward", "-n", "locked"),
    ).toMatchObject({ code: 1, out: "no\n" });
    expect(
      await kubectl("auth", "can-i", "create", "pods", "--subresource=portforward", "-n", "open"),
    ).toMatchObject({ code: 0, out: "yes\n" });
    sim.denyAccess({ verbs: ["list"], resources: ["services"], namespaces: ["locked"] });
    const all = await kubectl("get", "svc", "-A");
    expect(all.code).not.toBe(0);
    expect(all.out).toMatch(/Forbidden|forbidden/);
  });
});

describe("the same faults from the CLI's stdin", () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSimProcess("demo");
  });
  afterAll(() => sim.close());
  const api = () => ({ server: sim.server, caPem: sim.ca, token: sim.token });

  it("imagepull, unschedulable, evict, deny and allow-all", async () => {
    await sim.command("imagepull never-pulls", /images matching \/never-pulls\/ never pull/);
    const body = relayPod("relay-a", { REMOTE_ADDRESS: "x", REMOTE_PORT: "1" });
    body.spec.containers[0]!.image = "never-pulls:1";
    expect(
      (await apiRequest(api(), "POST", `/api/v1/namespaces/${RELAY_NS}/pods`, body)).status,
    ).toBe(201);
    await until(async () =>
      /relay-a Pending ready=False ImagePullBackOff/.test(
        await sim.command(`pods ${RELAY_NS}`, /relay-a/),
      ),
    );
    await sim.command("imagepull off", /image pulls work/);

    await sim.command(`unschedulable ${RELAY_NS} on`, /unschedulable/);
    const b = relayPod("relay-b", { REMOTE_ADDRESS: "x", REMOTE_PORT: "1" });
    await apiRequest(api(), "POST", `/api/v1/namespaces/${RELAY_NS}/pods`, b);
    const pods = await sim.command(`pods ${RELAY_NS}`, /relay-b/);
    expect(pods).toMatch(/relay-b Pending ready=False/);
    const got = (
      await apiRequest(api(), "GET", `/api/v1/namespaces/${RELAY_NS}/pods/relay-b`)
    ).json();
    expect(got.status.conditions[0]).toMatchObject({
      type: "PodScheduled",
      reason: "Unschedulable",
    });
    await sim.command(`unschedulable ${RELAY_NS} off`, /schedulable/);

    const frontend = await sim.readyPod("webapp", "frontend");
    await sim.command(`evict webapp ${frontend}`, /evicted/);
    expect(await sim.command("pods webapp", new RegExp(`${frontend}`))).toMatch(
      new RegExp(`${frontend} Failed ready=False Evicted`),
    );

    await sim.command("deny create pods kftray-relay", /denied create on pods in kftray-relay/);
    const c = relayPod("relay-c", { REMOTE_ADDRESS: "x", REMOTE_PORT: "1" });
    expect((await apiRequest(api(), "POST", `/api/v1/namespaces/${RELAY_NS}/pods`, c)).status).toBe(
      403,
    );
    await sim.command("allow-all", /every deny rule removed/);
    expect((await apiRequest(api(), "POST", `/api/v1/namespaces/${RELAY_NS}/pods`, c)).status).toBe(
      201,
    );
  });
});
