// Relay pod lifecycle against kube-sim: deleted on stop, orphans swept after kill -9, and the
// bad inputs (invalid manifest, a relay that never gets Ready).
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine.ts";
import { getKube } from "../../src/kube/index.ts";
import {
  DEFAULT_RELAY_IMAGE,
  defaultManifestText,
  MANIFEST_FILE,
} from "../../src/relay/proxyManifest.ts";
import { ownerSelector } from "../../src/relay/relayLabels.ts";
import { readPod } from "../../src/relay/relayPod.ts";
import { sweepRelayPods } from "../../src/relay/sweepRelayPods.ts";
import { waitUntil } from "./helpers.ts";
import {
  outsideUdp,
  relayConfig,
  relayForwarder,
  startKubeSim,
  tempHome,
  testOwner,
} from "./relaySupport.ts";

let sim: Awaited<ReturnType<typeof startKubeSim>>;
let simHome: Awaited<ReturnType<typeof tempHome>>;
let outside: Awaited<ReturnType<typeof outsideUdp>>;

beforeAll(async () => {
  simHome = await tempHome();
  sim = await startKubeSim({ scenario: "demo", dir: simHome.dir });
  outside = await outsideUdp();
});
afterAll(async () => {
  outside?.close();
  await sim?.close();
  await simHome?.remove();
});

const api = () => getKube({ kubeconfig: sim.kubeconfigPath, context: "sim" }).coreApi;
const udpProxy = (over = {}) =>
  relayConfig(sim.kubeconfigPath, {
    workload_type: "proxy",
    protocol: "udp",
    remote_address: "127.0.0.1",
    remote_port: outside.port,
    ...over,
  });

async function ownerPods(owner: string) {
  const pods = await api().listPodForAllNamespaces({ labelSelector: ownerSelector(owner) });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name);
}

/** Gone, or on its way out (a real API keeps a deleted pod while it terminates). */
async function goneOrGoing(ref: { namespace: string; name: string }): Promise<boolean> {
  const pod = await readPod(api(), ref);
  return pod === null || Boolean(pod.metadata?.deletionTimestamp);
}

describe("relay pod lifecycle", () => {
  it("stopping a forward deletes its relay pod", async () => {
    const home = await tempHome();
    const h = relayForwarder(udpProxy(), home.dir, testOwner());
    expect((await h.forwarder.start()).state).toBe("running");
    const pod = h.forwarder.pod()!;
    const live = await readPod(api(), pod);
    expect(live?.metadata?.labels?.["app.kubernetes.io/managed-by"]).toBe("ferry");
    // The default template: the inline bundle on the official Node image, run by the sim as the
    // container's own command.
    expect(live?.spec?.containers[0]?.image).toBe(DEFAULT_RELAY_IMAGE);
    expect(live?.spec?.containers[0]?.command?.slice(0, 2)).toEqual(["node", "-e"]);
    await h.forwarder.stop();
    expect(await goneOrGoing(pod)).toBe(true);
    await home.remove();
  });

  it("after kill -9 of the engine running a forward, the next engine's sweep deletes the orphan", async () => {
    const home = await tempHome();
    const child = spawn(
      process.execPath,
      [
        join(import.meta.dirname, "relayOrphanChild.ts"),
        sim.kubeconfigPath,
        home.dir,
        String(outside.port),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    await waitUntil(
      () => `the child's first status line (got "${out}")`,
      () => out.includes("\n"),
      30_000,
    );
    const started = JSON.parse(out) as { state: string; pod: string };
    expect(started.state).toBe("running");
    const [namespace, name] = started.pod.split("/") as [string, string];
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(await readPod(api(), { namespace, name })).not.toBeNull();

    // Another owner's sweep leaves it alone.
    const other = await sweepRelayPods(api(), { owner: testOwner(), namespaces: [namespace] });
    expect(other.deleted).toEqual([]);

    // The next start: a fresh engine on the same FERRY_HOME, as ferryd does on start.
    const engine = createEngine({ ferryHome: home.dir });
    const swept = await engine.sweepOrphans();
    await engine.close();
    expect(swept.deleted).toEqual([{ namespace, name }]);
    expect(await goneOrGoing({ namespace, name })).toBe(true);
    await home.remove();
  });

  it("an invalid manifest is refused with an error naming the file, and no pod is created", async () => {
    const home = await tempHome();
    const owner = testOwner();
    await writeFile(join(home.dir, MANIFEST_FILE), '{ "kind": "Pod", ');
    const h = relayForwarder(udpProxy(), home.dir, owner);
    const status = await h.forwarder.start();
    expect(status.state).toBe("error");
    expect(status.error?.code).toBe("INVALID_PROXY_MANIFEST");
    expect(status.error?.message).toContain(join(home.dir, MANIFEST_FILE));
    const pods = await api().listPodForAllNamespaces({ labelSelector: ownerSelector(owner) });
    expect(pods.items).toEqual([]);
    await home.remove();
  });

  it("a relay not Ready within the bound fails with a clear error, and its pod is deleted", async () => {
    const home = await tempHome();
    const owner = testOwner();
    // A bound far shorter than the relay program's start: the wait gives up while it is Pending.
    const h = relayForwarder(udpProxy(), home.dir, owner, { readyTimeoutMs: 1 });
    const status = await h.forwarder.start();
    expect(status.state).toBe("error");
    expect(status.error?.code).toBe("RELAY_NOT_READY");
    expect(status.error?.message).toMatch(/was not Ready after 0s \(phase Pending/);
    expect(status.error?.message).toContain("proxy_manifest.json");
    expect(await ownerPods(owner)).toEqual([]);
    await home.remove();
  });

  it("a relay that crashes on start (bad environment in the manifest) fails clearly, and its pod is deleted", async () => {
    const home = await tempHome();
    const owner = testOwner();
    await writeFile(
      join(home.dir, MANIFEST_FILE),
      defaultManifestText().replace('"value": "{protocol}"', '"value": "sctp"'),
    );
    const h = relayForwarder(udpProxy(), home.dir, owner);
    const status = await h.forwarder.start();
    expect(status.state).toBe("error");
    expect(status.error?.code).toBe("RELAY_FAILED");
    expect(status.error?.message).toMatch(/ended \(Failed/);
    expect(await ownerPods(owner)).toEqual([]);
    await home.remove();
  });
});
