import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { closeFerryClient } from "../../src/client/index.ts";
import { openStore } from "../../src/configs/openStore.ts";
import {
  clientFor,
  settledRow,
  useDaemons,
  useDemoCluster,
  waitForDaemon,
} from "./daemonHarness.ts";

// The daemon is a thin join of configs and core's engine (issue 14): what a forward is (a port
// clash included) is core's answer, and the relay image setting reaches the engine.

describe("ferryd over core's engine (kube-sim)", () => {
  const daemons = useDaemons();
  const cluster = useDemoCluster();

  it("a second config on a running forward's port ends in core's PORT_IN_USE naming the first", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    await waitForDaemon(home);
    const client = clientFor(home);
    try {
      const web = {
        kubeconfig: cluster().kubeconfigPath,
        context: "dev-cluster",
        namespace: "webapp",
        workload_type: "service" as const,
        service: "frontend-service",
        remote_port: 80,
      };
      const first = await client.configs.create.mutate({ ...web, alias: "first", local_port: 0 });
      await client.forwards.start.mutate({ aliases: ["first"] });
      const port = (await settledRow(client, "first"))?.localPort ?? 0;
      expect(port).toBeGreaterThan(0);
      await client.configs.create.mutate({ ...web, alias: "second", local_port: port });
      await client.forwards.start.mutate({ aliases: ["second"] });
      const second = await settledRow(client, "second");
      expect(second?.state).toBe("error");
      expect(second?.error?.code).toBe("PORT_IN_USE");
      expect(second?.error?.message).toContain(`"${first.alias}"`);
    } finally {
      closeFerryClient(client);
    }
  });

  it("creates relay pods with the image of the `relay.image` setting", async () => {
    const home = daemons.home();
    const image = "registry.internal.example/mirror/ferry-relay:0.1.0"; // a mirror of the relay image
    const store = openStore({ home });
    store.settings.set("relay.image", image);
    store.close();
    daemons.spawn(home, { KUBECONFIG: cluster().kubeconfigPath });
    await waitForDaemon(home);
    const client = clientFor(home);
    try {
      await client.configs.create.mutate({
        alias: "dns",
        kubeconfig: cluster().kubeconfigPath,
        context: "prod-cluster",
        namespace: "kftray-relay",
        workload_type: "service",
        service: "kube-dns",
        protocol: "udp",
        remote_port: 53,
        local_port: 0,
      });
      await client.forwards.start.mutate({ aliases: ["dns"] });
      const row = await settledRow(client, "dns");
      expect(row?.state, JSON.stringify(row?.error)).toBe("running");
      expect(readFileSync(join(home, "proxy_manifest.json"), "utf8")).toContain(image);
      const kc = new KubeConfig();
      kc.loadFromFile(cluster().kubeconfigPath);
      kc.setCurrentContext("prod-cluster");
      const pods = await kc
        .makeApiClient(CoreV1Api)
        .listPodForAllNamespaces({ labelSelector: "app.kubernetes.io/managed-by=ferry" });
      expect(pods.items.map((p) => p.spec?.containers[0]?.image)).toEqual([image]);
      await client.forwards.stop.mutate({ aliases: ["dns"] });
    } finally {
      closeFerryClient(client);
    }
  });
});
