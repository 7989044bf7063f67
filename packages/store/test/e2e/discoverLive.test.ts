import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { closeFerryClient, type DiscoveryEvent, ferryErrorOf } from "../../src/client/index.ts";
import { useDaemons, useDemoCluster } from "./daemonHarness.ts";

// Issue 18, live discovery: the daemon watches a context's Services and workloads once its
// setting is on, and applies the plan as annotations change (sim.annotate = kubectl annotate).

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("live discovery (kube-sim demo)", () => {
  const daemons = useDaemons();
  const cluster = useDemoCluster();

  it("is off by default, then picks up an annotation added at run time, and a removal: removed with prune, flagged source gone without", async () => {
    const { client: ferry } = await daemons.started();
    const sim = cluster();
    const events: DiscoveryEvent[] = [];
    const sub = ferry.discover.events.subscribe(undefined, { onData: (e) => events.push(e) });
    const aliases = async () => (await ferry.configs.list.query()).map((c) => c.alias).sort();
    try {
      expect(await ferry.discover.live.query()).toEqual({});
      const kubeconfig = sim.kubeconfigPath;
      await ferry.discover.setLive.mutate({
        context: "dev-cluster",
        kubeconfig,
        watch: true,
        prune: true,
      });
      await until("the first live plan", async () =>
        (await aliases()).length === 4 ? true : undefined,
      );
      expect(await aliases()).toEqual(["auth-api", "auth-pod", "cluster-dns", "web-ui"]);
      expect(events.map((e) => e.trigger)).toEqual(["live", "live", "live", "live"]);

      const added = Date.now();
      sim.annotate("services", "webapp", "frontend-service", {
        "ferry.dev/forwards": '[{"alias":"front-live","port":"http","localPort":28080}]',
      });
      const event = await until("the added event", () =>
        events.find((e) => e.alias === "front-live"),
      );
      // Reported, not asserted (timings belong to benchmarks): issue 18 asks for 2 s.
      console.info(`live discovery: annotation to config in ${Date.now() - added} ms`);
      expect(event).toMatchObject({
        action: "add",
        context: "dev-cluster",
        source: "webapp/frontend-service",
        message: "added front-live from webapp/frontend-service",
      });
      expect(await ferry.configs.get.query("front-live")).toMatchObject({
        local_port: 28080,
        remote_port: 80,
      });

      sim.annotate("services", "webapp", "frontend-service", { "ferry.dev/forwards": null });
      await until("the removal", () =>
        events.find((e) => e.alias === "front-live" && e.action === "remove"),
      );
      expect(await aliases()).toEqual(["auth-api", "auth-pod", "cluster-dns", "web-ui"]);

      await ferry.discover.setLive.mutate({
        context: "dev-cluster",
        kubeconfig,
        watch: true,
        prune: false,
      });
      sim.annotate("services", "backend", "auth", { "ferry.dev/forwards": null });
      await until("the source-gone flag", async () =>
        (await ferry.discover.discovered.query()).find(
          (d) => d.alias === "auth-api" && d.sourceGone,
        ),
      );
      expect(await aliases()).toContain("auth-api");
      expect(events.at(-1)).toMatchObject({ action: "source-gone", alias: "auth-api" });

      await ferry.discover.setLive.mutate({ context: "dev-cluster", kubeconfig, watch: false });
      const before = events.length;
      sim.annotate("services", "webapp", "frontend-service", {
        "kftray.app/configs": "web-ui-8081-http",
      });
      await new Promise((r) => setTimeout(r, 1_000));
      expect(events.length).toBe(before);
      expect((await ferry.configs.get.query("web-ui")).local_port).toBe(8080);
    } finally {
      sub.unsubscribe();
      closeFerryClient(ferry);
      sim.annotate("services", "webapp", "frontend-service", {
        "kftray.app/configs": "web-ui-8080-http",
      });
      sim.annotate("services", "backend", "auth", {
        "ferry.dev/forwards": JSON.stringify([
          { alias: "auth-api", port: "http", localPort: 18080, localAddress: "127.0.0.2" },
        ]),
      });
    }
  });

  it("sees `kubectl annotate` (an independent client) as a change", async () => {
    const { client: ferry } = await daemons.started();
    const sim = cluster();
    const kubectl = (...args: string[]) =>
      promisify(execFile)("kubectl", [
        "--kubeconfig",
        sim.kubeconfigPath,
        "--context",
        "dev-cluster",
        ...args,
      ]);
    try {
      await ferry.discover.setLive.mutate({
        context: "dev-cluster",
        kubeconfig: sim.kubeconfigPath,
        namespace: "webapp",
        watch: true,
        prune: true,
      });
      await until("web-ui", async () =>
        (await ferry.configs.list.query()).find((c) => c.alias === "web-ui"),
      );
      await kubectl(
        "annotate",
        "--overwrite",
        "-n",
        "webapp",
        "svc",
        "frontend-service",
        "kftray.app/configs=web-ui-8080-http,shop-9080-http",
      );
      const shop = await until("shop", async () =>
        (await ferry.configs.list.query()).find((c) => c.alias === "shop"),
      );
      expect(shop).toMatchObject({
        service: "frontend-service",
        local_port: 9080,
        remote_port: 80,
      });
      await kubectl("annotate", "-n", "webapp", "svc", "frontend-service", "kftray.app/configs-");
      await until("both gone", async () =>
        (await ferry.configs.list.query()).length === 0 ? true : undefined,
      );
    } finally {
      closeFerryClient(ferry);
      sim.annotate("services", "webapp", "frontend-service", {
        "kftray.app/configs": "web-ui-8080-http",
      });
    }
  });

  it("with the cluster-wide watch denied, still plans the namespaces the user may list", async () => {
    const { client: ferry } = await daemons.started();
    const sim = cluster();
    sim.denyAccess({
      verbs: ["list", "watch"],
      resources: ["services", "deployments", "statefulsets"],
      namespaces: ["backend"],
    });
    try {
      await ferry.discover.setLive.mutate({
        context: "dev-cluster",
        kubeconfig: sim.kubeconfigPath,
        watch: true,
      });
      await until("web-ui", async () =>
        (await ferry.configs.list.query()).find((c) => c.alias === "web-ui"),
      );
      const aliases = (await ferry.configs.list.query()).map((c) => c.alias);
      expect(aliases).not.toContain("auth-api");
      expect(aliases).toContain("cluster-dns");
    } finally {
      sim.allowAllAccess();
      closeFerryClient(ferry);
    }
  });

  it("refuses to watch a context the kubeconfig lacks, and saves nothing; off needs no cluster", async () => {
    const { client: ferry } = await daemons.started();
    try {
      const kubeconfig = cluster().kubeconfigPath;
      const refused = await ferry.discover.setLive
        .mutate({ context: "dev-clutser", kubeconfig, watch: true })
        .then(() => null, ferryErrorOf);
      expect(refused?.code).toBe("UNKNOWN_CONTEXT");
      expect(refused?.message).toMatch(/context "dev-clutser" is not in kubeconfig .*dev-cluster/);
      expect(await ferry.discover.live.query()).toEqual({});
      expect(
        await ferry.discover.setLive.mutate({ context: "dev-clutser", kubeconfig, watch: false }),
      ).toEqual({ "dev-clutser": { watch: false, kubeconfig } });
    } finally {
      closeFerryClient(ferry);
    }
  });

  it("holds settings.set of discover.live to the same rules: a typo or a malformed entry saves nothing", async () => {
    const { client: ferry } = await daemons.started();
    try {
      const kubeconfig = cluster().kubeconfigPath;
      const set = (value: unknown) =>
        ferry.settings.set
          .mutate({ key: "discover.live", value: value as never })
          .then(() => null, ferryErrorOf);
      const typo = await set({ "dev-clutser": { watch: true, kubeconfig } });
      expect(typo?.code).toBe("UNKNOWN_CONTEXT");
      const malformed = await set({ "dev-cluster": { watch: "yes", kubeconfig } });
      expect(malformed?.code).toBe("INVALID_SETTING");
      expect(malformed?.message).toMatch(/context "dev-cluster".*\n.*watch/s);
      expect((await set(["dev-cluster"]))?.code).toBe("INVALID_SETTING");
      expect(await ferry.settings.get.query("discover.live")).toBeNull();
      expect(await set({ "dev-cluster": { watch: true, kubeconfig } })).toBeNull();
      expect(await ferry.discover.live.query()).toEqual({
        "dev-cluster": { watch: true, kubeconfig },
      });
    } finally {
      closeFerryClient(ferry);
    }
  });
});
