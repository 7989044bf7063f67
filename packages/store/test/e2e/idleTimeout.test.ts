import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { closeFerryClient } from "../../src/client/index.ts";
import { demoFrontend, settledRow, useDaemons, useDemoCluster } from "./daemonHarness.ts";

const daemons = useDaemons();

describe("idle timeout (kube-sim)", () => {
  const cluster = useDemoCluster();

  it("stops a forward without connections after its timeout and says why; not one with a connection open, nor one without a timeout", async () => {
    const { client } = await daemons.started();
    for (const alias of ["idle", "held", "forever"])
      await client.configs.create.mutate(demoFrontend(cluster().kubeconfigPath, alias));
    // 0.05 min = 3 s: the global value, with "forever" turned off by its own.
    await client.settings.set.mutate({ key: "forwards.idle_timeout_minutes", value: 0.05 });
    await client.settings.set.mutate({
      key: "forwards.idle_timeout_by_alias",
      value: { forever: 0 },
    });
    await client.forwards.start.mutate({ aliases: ["idle", "held", "forever"] });
    const held = await settledRow(client, "held");
    expect(held?.state).toBe("running");
    for (const alias of ["idle", "forever"])
      expect((await settledRow(client, alias))?.state).toBe("running");
    const socket: Socket = connect(held?.localPort ?? 0, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    try {
      let idle = await settledRow(client, "idle");
      for (let i = 0; i < 200 && idle?.state !== "stopped"; i++) {
        await new Promise((r) => setTimeout(r, 100));
        idle = (await client.forwards.status.query()).find((r) => r.alias === "idle");
      }
      expect(idle?.state).toBe("stopped");
      const history = await client.forwards.history.query("idle");
      expect(history.map((u) => u.log?.message ?? "")).toContain(
        "stopped: no connections for 0.05 min (idle timeout)",
      );
      // Past another whole timeout: the open connection and the per-forward 0 keep these two.
      await new Promise((r) => setTimeout(r, 4000));
      const rows = await client.forwards.status.query();
      expect(rows.find((r) => r.alias === "held")?.state).toBe("running");
      expect(rows.find((r) => r.alias === "forever")?.state).toBe("running");
    } finally {
      socket.destroy();
      closeFerryClient(client);
    }
  }, 60_000);
});
