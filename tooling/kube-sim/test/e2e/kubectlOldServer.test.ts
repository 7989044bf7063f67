// kubectl against a sim that serves port-forward as an API server before 1.31 (no SPDY tunnel):
// kubectl's WebSocket upgrade offering only the tunnel is refused, and it falls back to SPDY.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { hasKubectl, kubectlPortForward, readyPods, until } from "./helpers.ts";

describe.skipIf(!hasKubectl)("kubectl against a sim without the SPDY tunnel", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "demo", spdyTunnel: false });
    await until(() => readyPods(sim, "webapp", "frontend-").length > 0, "frontend Ready");
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("is refused the tunnel and carries HTTP over plain SPDY", async () => {
    const pf = await kubectlPortForward(sim.kubeconfigPath, [
      "-n",
      "webapp",
      "svc/frontend-service",
      ":80",
    ]);
    try {
      const body = await (await fetch(`http://127.0.0.1:${pf.port}/old`)).json();
      expect(body).toMatchObject({ namespace: "webapp", path: "/old" });
      const served = sim.portForwardProtocols();
      expect(served["SPDY/3.1+portforward.k8s.io"] ?? 0).toBe(0);
      expect(served["SPDY/3.1"]).toBe(1);
    } finally {
      pf.k.kill();
    }
  });
});
