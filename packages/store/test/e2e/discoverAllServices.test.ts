import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { demoScenario, type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeFerryClient } from "../../src/client/index.ts";
import { clientFor, settledRow, useDaemons, waitForDaemon } from "./daemonHarness.ts";

// Issue 18: `allServices` + `loopback` + `domain` on one namespace makes every Service there
// reachable by name: each its own 127.0.0.x, its name in the hosts file (FERRY_HOSTS_FILE).

describe("discover allServices (kube-sim demo + unannotated Services in webapp)", () => {
  const daemons = useDaemons();
  let sim: KubeSim;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ferry-sim-"));
    sim = await startKubeSim({
      dir,
      scenario: {
        ...demoScenario,
        services: [
          ...(demoScenario.services ?? []),
          {
            name: "catalog",
            namespace: "webapp",
            selector: { app: "frontend" },
            ports: [{ name: "http", port: 80, targetPort: "http" }],
          },
          {
            name: "search",
            namespace: "webapp",
            selector: { app: "frontend" },
            ports: [{ name: "web", port: 8080, targetPort: 8080 }],
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives each Service its own loopback address and its name in the hosts file, stable across runs", async () => {
    const home = daemons.home();
    const hostsFile = join(home, "hosts");
    daemons.spawn(home, { FERRY_HOSTS_FILE: hostsFile });
    await waitForDaemon(home);
    const ferry = clientFor(home);
    try {
      const input = {
        kubeconfig: sim.kubeconfigPath,
        namespace: "webapp",
        allServices: true,
        loopback: true,
        domain: true,
      };
      const applied = await ferry.discover.applyPlan.mutate({ ...input, start: true });
      expect(applied.rows.map((r) => `${r.action} ${r.alias}`).sort()).toEqual([
        "add catalog",
        "add search",
        "add web-ui",
      ]);
      const addresses = applied.rows.map((r) => r.config.local_address);
      expect(new Set(addresses).size).toBe(3);
      for (const a of addresses) expect(a).toMatch(/^127\.0\.0\.(\d+)$/);
      expect(addresses).not.toContain("127.0.0.1");
      expect(applied.rows.every((r) => r.config.domain_enabled)).toBe(true);
      expect(applied.started.map((r) => r.alias).sort()).toEqual(["catalog", "search", "web-ui"]);

      for (const alias of ["catalog", "search", "web-ui"]) {
        const row = await settledRow(ferry, alias);
        expect(row?.state, `${alias}: ${row?.error?.message}`).toBe("running");
      }
      // Reachable by name: the address comes from the hosts file Ferry wrote, as a resolver would.
      const hosts = readFileSync(hostsFile, "utf8");
      for (const alias of ["catalog", "search", "web-ui"]) {
        const address = hosts.match(new RegExp(`^(\\S+)\\s+${alias}$`, "m"))?.[1];
        const config = await ferry.configs.get.query(alias);
        expect(address).toBe(config.local_address);
        const { stdout } = await promisify(execFile)("curl", [
          "-sS",
          "--max-time",
          "10",
          "--resolve",
          `${alias}:${config.local_port}:${address}`,
          `http://${alias}:${config.local_port}/`,
        ]);
        expect(JSON.parse(stdout)).toMatchObject({ namespace: "webapp" });
      }

      const again = await ferry.discover.applyPlan.mutate(input);
      expect(again.summary).toMatchObject({ add: 0, update: 0, unchanged: 3 });
      expect(again.rows.map((r) => r.config.local_address).sort()).toEqual([...addresses].sort());
    } finally {
      await ferry.forwards.stopAll.mutate().catch(() => {});
      closeFerryClient(ferry);
    }
  });
});
