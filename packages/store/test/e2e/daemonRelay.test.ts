import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { closeFerryClient } from "../../src/client/index.ts";
import {
  alive,
  childrenOf,
  clientFor,
  listeners,
  settledRow,
  useDaemons,
  useDemoCluster,
  waitForDaemon,
  waitForExit,
} from "./daemonHarness.ts";

// SIGTERM with a UDP forward running (so a relay pod exists): no port, child or relay pod may be
// left.
const EXAMPLES = join(import.meta.dirname, "../../../../examples/configs.json");
const RELAY_SELECTOR = "app.kubernetes.io/managed-by=ferry";

describe("ferryd SIGTERM with relay pods (kube-sim)", () => {
  const daemons = useDaemons();
  const cluster = useDemoCluster();

  it("stops forwards, deletes relay pods, releases every port and child", async () => {
    const home = daemons.home();
    const env = { KUBECONFIG: cluster().kubeconfigPath, FERRY_HOSTS_FILE: join(home, "hosts") };
    const child = daemons.spawn(home, env);
    const d = await waitForDaemon(home);
    const client = clientFor(home);
    await client.configs.import.mutate({
      text: readFileSync(EXAMPLES, "utf8"),
      kubeconfig: cluster().kubeconfigPath,
    });
    await client.configs.update.mutate({ id: "cluster-dns-udp", patch: { local_port: 0 } });
    await client.forwards.start.mutate({ aliases: ["cluster-dns-udp"] });
    const row = await settledRow(client, "cluster-dns-udp");
    closeFerryClient(client);
    expect(row?.state, JSON.stringify(row?.error)).toBe("running");

    const kc = new KubeConfig();
    kc.loadFromFile(cluster().kubeconfigPath);
    kc.setCurrentContext("prod-cluster");
    const api = kc.makeApiClient(CoreV1Api);
    const relays = async () =>
      (await api.listPodForAllNamespaces({ labelSelector: RELAY_SELECTOR })).items.map(
        (p) => p.metadata?.name,
      );
    expect((await relays()).length).toBeGreaterThan(0);
    const forwardPort = row?.localPort ?? 0;
    const kids = childrenOf(d.pid);

    child.kill("SIGTERM");
    expect(await waitForExit(child)).toBe(0);
    expect(await relays()).toEqual([]);
    expect(listeners(d.port)).toEqual([]);
    expect(listeners(forwardPort)).toEqual([]);
    expect(kids.filter(alive)).toEqual([]);
  });
});
