import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { closeFerryClient, type FerryClient } from "../../src/client/index.ts";
import {
  clientFor,
  settledRow,
  useDaemons,
  useDemoCluster,
  waitForDaemon,
} from "./daemonHarness.ts";

// Issue 18: discover.plan / discover.apply through a real ferryd against kube-sim's demo
// scenario (annotated Services and a Deployment, a malformed entry, a UDP entry).

describe("discover.* on the demo cluster", () => {
  const daemons = useDaemons();
  const cluster = useDemoCluster();

  const withDaemon = async (fn: (ferry: FerryClient, kubeconfig: string) => Promise<void>) => {
    const home = daemons.home();
    daemons.spawn(home, { FERRY_HOSTS_FILE: `${home}/hosts` });
    await waitForDaemon(home);
    const ferry = clientFor(home);
    try {
      await fn(ferry, cluster().kubeconfigPath);
    } finally {
      closeFerryClient(ferry);
    }
  };
  const byAlias = (ferry: FerryClient) =>
    ferry.configs.list.query().then((l) => new Map(l.map((c) => [c.alias, c])));

  it("adds the annotated configs (hyphenated aliases, named ports, UDP, a Deployment's pods), reports the malformed one, and a second run adds 0", async () => {
    await withDaemon(async (ferry, kubeconfig) => {
      const input = { kubeconfig, contexts: ["dev-cluster"] };
      const first = await ferry.discover.applyPlan.mutate(input);
      expect(first.rows.map((r) => `${r.action} ${r.alias}`).sort()).toEqual([
        "add auth-api",
        "add auth-pod",
        "add cluster-dns",
        "add web-ui",
      ]);
      expect(first.problems).toEqual([
        expect.objectContaining({
          context: "dev-cluster",
          namespace: "backend",
          kind: "Service",
          name: "auth-admin",
          annotation: "kftray.app/configs",
          message: 'entry "admin-console" is not alias-localPort-targetPort (e.g. web-8080-http)',
        }),
      ]);
      const configs = await byAlias(ferry);
      expect(configs.get("web-ui")).toMatchObject({
        context: "dev-cluster",
        namespace: "webapp",
        workload_type: "service",
        service: "frontend-service",
        remote_port: 80,
        local_port: 8080,
      });
      expect(configs.get("auth-api")).toMatchObject({
        service: "auth",
        remote_port: 8080,
        local_port: 18080,
        local_address: "127.0.0.2",
      });
      expect(configs.get("cluster-dns")).toMatchObject({
        namespace: "kftray-relay",
        service: "kube-dns",
        protocol: "udp",
        remote_port: 53,
        local_port: 5353,
      });
      expect(configs.get("auth-pod")).toMatchObject({
        workload_type: "pod",
        target: "app=auth",
        remote_port: 8080,
        local_port: 18081,
      });
      const origins = await ferry.discover.discovered.query();
      expect(origins.find((o) => o.alias === "auth-pod")?.origin).toEqual({
        context: "dev-cluster",
        namespace: "backend",
        kind: "Deployment",
        name: "auth",
        annotation: "kftray.app/configs",
        key: "auth-pod",
      });

      const second = await ferry.discover.applyPlan.mutate(input);
      expect(second.summary).toMatchObject({ add: 0, update: 0, unchanged: 4 });
      expect((await ferry.configs.list.query()).length).toBe(4);
    });
  });

  it("dryRun and plan write nothing", async () => {
    await withDaemon(async (ferry, kubeconfig) => {
      const input = { kubeconfig, contexts: ["dev-cluster"] };
      const plan = await ferry.discover.plan.query(input);
      expect(plan).toMatchObject({ dryRun: true, summary: { add: 4 } });
      const dry = await ferry.discover.applyPlan.mutate({ ...input, dryRun: true });
      expect(dry).toMatchObject({ dryRun: true, summary: { add: 4 } });
      expect(await ferry.configs.list.query()).toEqual([]);
    });
  });

  it("keeps a local edit; prune removes only discovered configs whose source is gone", async () => {
    await withDaemon(async (ferry, kubeconfig) => {
      const input = { kubeconfig, contexts: ["dev-cluster"], namespace: "webapp" };
      await ferry.configs.create.mutate({
        alias: "mine",
        context: "dev-cluster",
        namespace: "webapp",
        workload_type: "service",
        service: "frontend-service",
        remote_port: 80,
        local_port: 0,
      });
      await ferry.discover.applyPlan.mutate(input);
      await ferry.configs.update.mutate({ id: "web-ui", patch: { local_port: 0 } });
      const again = await ferry.discover.applyPlan.mutate(input);
      expect(again.rows).toEqual([
        expect.objectContaining({
          action: "kept-local-change",
          alias: "web-ui",
          reason: "kept local change (edited after discovery)",
        }),
      ]);
      expect((await byAlias(ferry)).get("web-ui")?.local_port).toBe(0);

      const sim = cluster();
      sim.annotate("services", "webapp", "frontend-service", { "kftray.app/configs": null });
      try {
        const kept = await ferry.discover.applyPlan.mutate(input);
        expect(kept.rows.map((r) => [r.action, r.alias])).toEqual([["source-gone", "web-ui"]]);
        expect((await ferry.discover.discovered.query())[0]).toMatchObject({ sourceGone: true });
        const pruned = await ferry.discover.applyPlan.mutate({ ...input, prune: true });
        expect(pruned.rows.map((r) => [r.action, r.alias])).toEqual([["remove", "web-ui"]]);
        expect([...(await byAlias(ferry)).keys()]).toEqual(["mine"]);
      } finally {
        sim.annotate("services", "webapp", "frontend-service", {
          "kftray.app/configs": "web-ui-8080-http",
        });
      }
    });
  });

  it("skips and reports a denied namespace, says it fell back, and judges nothing gone there", async () => {
    await withDaemon(async (ferry, kubeconfig) => {
      const input = { kubeconfig, contexts: ["dev-cluster"], prune: true };
      await ferry.discover.applyPlan.mutate(input);
      const sim = cluster();
      sim.denyAccess({ verbs: ["list"], resources: ["services"], namespaces: ["backend"] });
      try {
        const denied = await ferry.discover.applyPlan.mutate(input);
        expect(denied.problems).toEqual([
          expect.objectContaining({
            namespace: "backend",
            kind: "Namespace",
            message: expect.stringMatching(
              /^cannot list services and workloads in namespace backend \(403: .*forbidden.*\); skipped$/,
            ),
          }),
        ]);
        expect(denied.notes).toEqual([
          expect.stringMatching(
            /no permission to list services in all namespaces; listed the \d namespace\(s\) you may list: .*webapp/,
          ),
        ]);
        expect(denied.summary).toMatchObject({ remove: 0, unchanged: 2 });
        expect((await ferry.configs.list.query()).length).toBe(4);
      } finally {
        sim.allowAllAccess();
      }
    });
  });

  it("starts what it discovered, and the forward carries traffic", async () => {
    await withDaemon(async (ferry, kubeconfig) => {
      const input = { kubeconfig, contexts: ["dev-cluster"], namespace: "webapp" };
      await ferry.discover.applyPlan.mutate(input);
      // A free local port instead of 8080 (other programs may hold it); a local edit, kept.
      await ferry.configs.update.mutate({ id: "web-ui", patch: { local_port: 0 } });
      const applied = await ferry.discover.applyPlan.mutate({ ...input, start: true });
      expect(applied.started.map((r) => r.alias)).toEqual(["web-ui"]);
      const row = await settledRow(ferry, "web-ui");
      expect(row?.state).toBe("running");
      // Async: kube-sim serves the pod from this process, so a blocking curl would never be answered.
      const { stdout: body } = await promisify(execFile)(
        "curl",
        ["-sS", "--max-time", "10", `http://127.0.0.1:${row?.localPort}/`],
        {
          encoding: "utf8",
        },
      );
      expect(JSON.parse(body)).toMatchObject({
        namespace: "webapp",
        pod: expect.stringMatching(/^frontend-/),
      });
    });
  });

  it("starts a discovered UDP forward through a relay, and dig gets its answer", async () => {
    await withDaemon(async (ferry, kubeconfig) => {
      const input = { kubeconfig, contexts: ["dev-cluster"], namespace: "kftray-relay" };
      await ferry.discover.applyPlan.mutate(input);
      await ferry.configs.update.mutate({ id: "cluster-dns", patch: { local_port: 0 } });
      await ferry.discover.applyPlan.mutate({ ...input, start: true });
      const row = await settledRow(ferry, "cluster-dns");
      expect(row?.state, JSON.stringify(row?.error)).toBe("running");
      const { stdout } = await promisify(execFile)("dig", [
        "@127.0.0.1",
        "-p",
        String(row?.localPort),
        "+short",
        "+tries=3",
        "+time=3",
        "frontend-service.webapp.svc.cluster.local",
      ]);
      expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      await ferry.forwards.stopAll.mutate();
    });
  });

  it("restarts a running forward whose annotation changed, on its new local port", async () => {
    await withDaemon(async (ferry, kubeconfig) => {
      const input = { kubeconfig, contexts: ["dev-cluster"], namespace: "webapp" };
      const sim = cluster();
      const annotate = (value: string | null) =>
        sim.annotate("services", "webapp", "frontend-service", { "ferry.dev/forwards": value });
      annotate('[{"alias":"front-x","port":"http","localPort":0}]');
      try {
        await ferry.discover.applyPlan.mutate({ ...input, start: true });
        const before = await settledRow(ferry, "front-x");
        expect(before?.state).toBe("running");
        annotate('[{"alias":"front-x","port":"http","localPort":0,"localAddress":"127.0.0.9"}]');
        const updated = await ferry.discover.applyPlan.mutate(input);
        expect(updated.rows.find((r) => r.alias === "front-x")).toMatchObject({
          action: "update",
          reason: "changed: local_address",
        });
        const after = await settledRow(ferry, "front-x");
        expect(after).toMatchObject({ state: "running", localAddress: "127.0.0.9" });
        const { stdout } = await promisify(execFile)("curl", [
          "-sS",
          "--max-time",
          "10",
          `http://127.0.0.9:${after?.localPort}/`,
        ]);
        expect(JSON.parse(stdout)).toMatchObject({ namespace: "webapp" });
      } finally {
        annotate(null);
        await ferry.forwards.stopAll.mutate();
      }
    });
  });
});
