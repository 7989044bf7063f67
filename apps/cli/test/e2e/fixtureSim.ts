import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoScenario, type KubeSim, type Scenario, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll } from "vitest";
import { EXAMPLES } from "./configHarness.ts";
import { ferryWith, useHomes } from "./daemonHarness.ts";
import { type FixtureBackend, startFixtureBackend } from "./fixtureBackend.ts";
import type { SimHome } from "./simHarness.ts";

/** The demo scenario plus `webapp/fixture` (service port 80 → pod 8080) served by `backendPort`. */
export function fixtureScenario(backendPort: number): Scenario {
  return {
    ...demoScenario,
    workloads: [
      ...(demoScenario.workloads ?? []),
      {
        name: "fixture",
        namespace: "webapp",
        labels: { app: "fixture" },
        ports: [
          { name: "http", containerPort: 8080, backend: { forward: `127.0.0.1:${backendPort}` } },
        ],
      },
    ],
    services: [
      ...(demoScenario.services ?? []),
      {
        name: "fixture",
        namespace: "webapp",
        selector: { app: "fixture" },
        ports: [{ name: "http", port: 80, targetPort: "http" }],
      },
    ],
  };
}

export interface FixtureHome extends SimHome {
  /** Adds `alias` (service webapp/fixture:80, OS-chosen local port) with `more` flags. */
  addFixture(alias: string, more?: string[]): Promise<void>;
  /** Imports examples/configs.json against the sim, every local port OS-chosen. */
  importDemo(): Promise<void>;
  /** `ferry start alias` then its local address and port from `ferry status --json`. */
  start(alias: string): Promise<{ host: string; port: number }>;
}

/**
 * The fixture HTTP backend and a kube-sim (demo + the fixture pod) for the describe block, and
 * fresh FERRY_HOMEs that use it (their daemons are stopped after each test).
 */
export function useFixtureSim(): {
  cluster: () => KubeSim;
  backend: () => FixtureBackend;
  home: () => FixtureHome;
} {
  const homes = useHomes();
  let cluster: KubeSim;
  let backend: FixtureBackend;
  beforeAll(async () => {
    backend = await startFixtureBackend();
    cluster = await startKubeSim({
      scenario: fixtureScenario(backend.port),
      dir: mkdtempSync(join(tmpdir(), "ferry-sim-")),
    });
  });
  afterAll(async () => {
    await cluster?.close();
    await backend?.close();
  });
  return {
    cluster: () => cluster,
    backend: () => backend,
    home: () => {
      const home = homes();
      const env = { KUBECONFIG: cluster.kubeconfigPath, FERRY_HOSTS_FILE: join(home, "hosts") };
      const run: SimHome["run"] = (args) => ferryWith(home, args, env);
      const ok = async (args: string[]) => {
        const r = await run(args);
        if (r.code !== 0)
          throw new Error(`ferry ${args.join(" ")}: ${r.code}\n${r.stdout}${r.stderr}`);
        return r;
      };
      return {
        home,
        env,
        run,
        addFixture: async (alias, more = []) => {
          await ok([
            "config",
            "add",
            "--alias",
            alias,
            "--context",
            "dev-cluster",
            "--namespace",
            "webapp",
            "--workload-type",
            "service",
            "--service",
            "fixture",
            "--remote-port",
            "80",
            "--local-port",
            "0",
            ...more,
          ]);
        },
        importDemo: async () => {
          await ok(["config", "import", EXAMPLES, "--kubeconfig", cluster.kubeconfigPath]);
          for (const alias of [
            "web-frontend-svc",
            "auth-api-pod",
            "cluster-dns-udp",
            "private-redis-proxy",
          ])
            await ok(["config", "edit", alias, "--local-port", "0"]);
        },
        start: async (alias) => {
          await ok(["start", alias]);
          const rows = JSON.parse((await ok(["status", "--json"])).stdout) as {
            alias: string;
            localAddress: string;
            localPort: number;
          }[];
          const row = rows.find((r) => r.alias === alias);
          if (!row) throw new Error(`no status row for ${alias}`);
          return { host: row.localAddress, port: row.localPort };
        },
      };
    },
  };
}
