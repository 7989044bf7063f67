import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeFerryClient, type FerryClient } from "../../src/client/index.ts";
import { connectDaemon } from "../../src/node/index.ts";
import {
  clientFor,
  demoFrontend,
  freePort,
  settledRow,
  useDaemons,
  useDemoCluster,
  waitForDaemon,
  waitForExit,
} from "./daemonHarness.ts";

const daemons = useDaemons();

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("restore on restart (kube-sim)", () => {
  const cluster = useDemoCluster();

  it("after kill -9 the next daemon restores what ran, not what the user stopped, plus auto_start; a failed restore blocks nothing", async () => {
    const home = daemons.home();
    const first = daemons.spawn(home);
    await waitForDaemon(home);
    const c1: FerryClient = clientFor(home);
    const heldPort = await freePort();
    const config = (alias: string, port = 0) => demoFrontend(cluster().kubeconfigPath, alias, port);
    for (const alias of ["one", "two", "stopped-by-user", "auto"])
      await c1.configs.create.mutate(config(alias));
    await c1.configs.create.mutate(config("blocked", heldPort));
    await c1.configs.update.mutate({ id: "auto", patch: { auto_start: true } });
    await c1.forwards.start.mutate({ aliases: ["one", "two", "stopped-by-user", "blocked"] });
    for (const alias of ["one", "two", "stopped-by-user", "blocked"]) {
      const row = await settledRow(c1, alias);
      expect(row?.state, `${alias}: ${JSON.stringify(row?.error)}`).toBe("running");
    }
    await c1.forwards.stop.mutate({ aliases: ["stopped-by-user"] });
    closeFerryClient(c1);

    first.kill("SIGKILL");
    await waitForExit(first);
    // Another program takes the port of "blocked" while no daemon runs.
    const squatter = await listen(heldPort);
    try {
      const { client, started } = await connectDaemon({ home });
      expect(started).toBe(true);
      const states: Record<string, string | undefined> = {};
      for (const alias of ["one", "two", "auto", "blocked"])
        states[alias] = (await settledRow(client, alias))?.state;
      const rows = await client.forwards.status.query();
      states["stopped-by-user"] = rows.find((r) => r.alias === "stopped-by-user")?.state;
      closeFerryClient(client);
      expect(states).toEqual({
        one: "running",
        two: "running",
        auto: "running",
        blocked: "error",
        "stopped-by-user": "stopped",
      });
      let log = "";
      for (let i = 0; i < 100 && !log.includes("restore failed"); i++) {
        log = readFileSync(join(home, "daemon.log"), "utf8");
        await new Promise((r) => setTimeout(r, 50));
      }
      const restored = log.split("\n").find((l) => l.includes("restored: "));
      expect(restored).toMatch(/one/);
      expect(restored).toMatch(/two/);
      expect(restored).toMatch(/auto/);
      expect(restored).not.toMatch(/stopped-by-user|blocked/);
      expect(log).toMatch(/restore failed: blocked \(PORT_IN_USE/);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  }, 120_000);

  it("an auto_start forward the user stopped stays stopped after kill -9, until auto_start is turned on again", async () => {
    const home = daemons.home();
    const first = daemons.spawn(home);
    await waitForDaemon(home);
    const c1 = clientFor(home);
    const aliases = ["auto-stopped", "auto-later", "auto-untouched"];
    for (const alias of aliases) {
      await c1.configs.create.mutate(demoFrontend(cluster().kubeconfigPath, alias));
      if (alias !== "auto-later")
        await c1.configs.update.mutate({ id: alias, patch: { auto_start: true } });
    }
    await c1.forwards.start.mutate({ aliases: ["auto-stopped", "auto-later"] });
    for (const alias of ["auto-stopped", "auto-later"])
      expect((await settledRow(c1, alias))?.state).toBe("running");
    await c1.forwards.stop.mutate({ aliases: ["auto-stopped", "auto-later"] });
    // Turned on after the stop: a fresh wish to start with the daemon.
    await c1.configs.update.mutate({ id: "auto-later", patch: { auto_start: true } });
    closeFerryClient(c1);
    first.kill("SIGKILL");
    await waitForExit(first);

    const { client } = await connectDaemon({ home });
    try {
      for (const alias of ["auto-later", "auto-untouched"])
        expect((await settledRow(client, alias))?.state, alias).toBe("running");
      const rows = await client.forwards.status.query();
      expect(rows.find((r) => r.alias === "auto-stopped")?.state).toBe("stopped");
    } finally {
      closeFerryClient(client);
    }
  }, 120_000);

  it("a daemon shutdown (ferry daemon stop) keeps the desired states: the next daemon restores them", async () => {
    const home = daemons.home();
    const first = daemons.spawn(home);
    await waitForDaemon(home);
    const c1 = clientFor(home);
    await c1.configs.create.mutate(demoFrontend(cluster().kubeconfigPath, "web"));
    await c1.forwards.start.mutate({ aliases: ["web"] });
    expect((await settledRow(c1, "web"))?.state).toBe("running");
    await c1.daemon.shutdown.mutate();
    closeFerryClient(c1);
    expect(await waitForExit(first)).toBe(0);

    const { client } = await connectDaemon({ home });
    const row = await settledRow(client, "web");
    closeFerryClient(client);
    expect(row?.state).toBe("running");
  }, 60_000);
});
