import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defaultManifestText } from "@ferry/core";
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

/** Starts a UDP forward (so a relay pod) in a daemon with `settings`; returns the pods' images. */
async function relayImagesWith(
  daemons: ReturnType<typeof useDaemons>,
  kubeconfig: string,
  settings: Record<string, string>,
): Promise<{ home: string; images: (string | undefined)[] }> {
  const home = daemons.home();
  const store = openStore({ home });
  for (const [key, value] of Object.entries(settings)) store.settings.set(key, value);
  store.close();
  daemons.spawn(home, { KUBECONFIG: kubeconfig });
  await waitForDaemon(home);
  const client = clientFor(home);
  try {
    await client.configs.create.mutate({
      alias: "dns",
      kubeconfig,
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
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    kc.setCurrentContext("prod-cluster");
    const pods = await kc
      .makeApiClient(CoreV1Api)
      .listPodForAllNamespaces({ labelSelector: "app.kubernetes.io/managed-by=ferry" });
    await client.forwards.stop.mutate({ aliases: ["dns"] });
    return { home, images: pods.items.map((p) => p.spec?.containers[0]?.image) };
  } finally {
    closeFerryClient(client);
  }
}

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
      // The daemon keeps each forward's recent changes (what `ferry status <alias>` shows).
      const history = await client.forwards.history.query("second");
      expect(history.filter((u) => u.kind === "status").at(-1)?.row.state).toBe("error");
    } finally {
      closeFerryClient(client);
    }
  });

  it("creates relay pods with the image of the `relay.image` setting", async () => {
    const image = "registry.internal.example/mirror/ferry-relay:0.1.0"; // a mirror of the relay image
    const { home, images } = await relayImagesWith(daemons, cluster().kubeconfigPath, {
      "relay.image": image,
    });
    expect(images).toEqual([image]);
    expect(readFileSync(join(home, "proxy_manifest.json"), "utf8")).toContain(image);
  });

  it("creates relay pods from the template the `proxy.manifest_path` setting names", async () => {
    const template = join(daemons.home(), "team-relay.json");
    const image = "registry.team.example/ferry-relay:team";
    writeFileSync(template, defaultManifestText(image));
    const { home, images } = await relayImagesWith(daemons, cluster().kubeconfigPath, {
      "proxy.manifest_path": template,
    });
    expect(images).toEqual([image]);
    expect(existsSync(join(home, "proxy_manifest.json"))).toBe(false);
  });
});
