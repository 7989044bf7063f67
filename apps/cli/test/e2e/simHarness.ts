import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll } from "vitest";
import type { Run } from "./configHarness.ts";
import { ferryWith, useHomes } from "./daemonHarness.ts";

export interface SimHome {
  home: string;
  env: Record<string, string>;
  /** `ferry args` with this home and the sim's kubeconfig. */
  run(args: string[]): Promise<Run>;
}

/**
 * One kube-sim (demo scenario) for the describe block, and fresh FERRY_HOMEs that use it (their
 * daemons are stopped after each test).
 */
export function useKubeSim(): { cluster: () => KubeSim; home: () => SimHome } {
  const homes = useHomes();
  let cluster: KubeSim;
  beforeAll(async () => {
    cluster = await startKubeSim({
      scenario: "demo",
      dir: mkdtempSync(join(tmpdir(), "ferry-sim-")),
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });
  return {
    cluster: () => cluster,
    home: () => {
      const home = homes();
      const env = { KUBECONFIG: cluster.kubeconfigPath, FERRY_HOSTS_FILE: join(home, "hosts") };
      return { home, env, run: (args) => ferryWith(home, args, env) };
    },
  };
}
