import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * kube-sim's demo scenario for one describe block, and a list of things each test opened
 * (closed after it, last first). Call inside `describe`.
 */
export function demoCluster(): { cluster: () => KubeSim; open: { close: () => unknown }[] } {
  let cluster: KubeSim | undefined;
  const open: { close: () => unknown }[] = [];
  beforeAll(async () => {
    cluster = await startKubeSim({ scenario: "demo" });
  });
  afterAll(async () => {
    await cluster?.close();
  });
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });
  return {
    cluster: () => {
      if (!cluster) throw new Error("kube-sim is not up: demoCluster() runs in beforeAll");
      return cluster;
    },
    open,
  };
}
