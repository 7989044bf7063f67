import { describe, expect, it } from "vitest";
import { closeFerryClient, ferryErrorOf } from "../../src/client/index.ts";
import { useDaemons, useDemoCluster } from "./daemonHarness.ts";

// kube.* fills the UIs' forms from a real API server (kube-sim's demo cluster).

describe("kube.* through ferryd (kube-sim)", () => {
  const daemons = useDaemons();
  const cluster = useDemoCluster();

  it("lists contexts, namespaces, services, pods and ports; an unknown context is a clear error", async () => {
    const { client: ferry } = await daemons.started();
    try {
      const kubeconfig = cluster().kubeconfigPath;
      const contexts = await ferry.kube.contexts.query({ kubeconfig });
      expect(contexts.map((c) => c.name)).toEqual(
        expect.arrayContaining(["dev-cluster", "prod-cluster"]),
      );
      const target = { kubeconfig, context: "dev-cluster" };
      expect(await ferry.kube.namespaces.query(target)).toEqual(
        expect.arrayContaining(["webapp", "backend"]),
      );
      const services = await ferry.kube.services.query({ ...target, namespace: "webapp" });
      const frontend = services.find((s) => s.name === "frontend-service");
      expect(frontend?.ports.map((p) => p.port)).toContain(80);
      expect(
        (
          await ferry.kube.ports.query({
            ...target,
            namespace: "webapp",
            service: "frontend-service",
          })
        ).map((p) => p.port),
      ).toContain(80);
      const pods = await ferry.kube.pods.query({ ...target, namespace: "webapp" });
      expect(pods.length).toBeGreaterThan(0);
      const err = await ferry.kube.namespaces
        .query({ kubeconfig, context: "nope" })
        .catch((e) => ferryErrorOf(e));
      expect(err).toMatchObject({ message: expect.stringContaining('"nope"') });
      expect((err as { code: string }).code).toBe("UNKNOWN_CONTEXT");
    } finally {
      closeFerryClient(ferry);
    }
  });
});
