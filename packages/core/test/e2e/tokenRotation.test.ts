// Issue 20: credentials that expire. The sim's kubeconfig runs kube-sim's exec plugin; the token
// rotates under a running forward, which must go on serving new connections (each a new upgrade
// here: tunnels close when idle) without a state change or an error, the plugin run again.

import { describe, expect, it } from "vitest";
import type { ForwardEvent } from "../../src/index.ts";
import { expectUndisturbed, httpGet, tcpConfig, useSimAndEngine } from "./helpers.ts";

const rotation = (expirationSeconds: number | undefined) => () => {
  const { sim, newEngine } = useSimAndEngine({
    scenario: "test",
    execAuth: expirationSeconds === undefined ? {} : { expirationSeconds },
  });

  it("a forward running before a token rotation serves new connections after it", async () => {
    // Tunnels close 200 ms after their last connection: the request after the rotation upgrades.
    const t = newEngine({ tunnelIdleMs: 200 });
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");
    expect((await httpGet(s.localPort!)).status).toBe(200);
    const callsBefore = sim().execPluginCalls();
    const seen: ForwardEvent[] = [];
    t.engine.on((e) => seen.push(e));
    await new Promise((r) => setTimeout(r, 500));
    sim().rotateToken();
    for (let i = 0; i < 3; i++) expect((await httpGet(s.localPort!)).status).toBe(200);
    expect(sim().execPluginCalls()).toBeGreaterThan(callsBefore);
    expectUndisturbed(t, cfg.id, seen);
  });
};

describe("token rotation, exec plugin without expirationTimestamp", rotation(undefined));
describe("token rotation, exec plugin with expirationTimestamp", rotation(3600));
