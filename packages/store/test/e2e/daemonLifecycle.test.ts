import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { relayBundleSource } from "@ferry/relay-server/bundle";
import { describe, expect, it } from "vitest";
import { closeFerryClient, SCHEMA_VERSION } from "../../src/client/index.ts";
import { readDaemonFile } from "../../src/daemon/daemonFile.ts";
import { ensureDaemon, FERRYD_BIN, FERRYD_NODE_FLAGS } from "../../src/node/index.ts";
import {
  alive,
  childrenOf,
  clientFor,
  listeners,
  settledRow,
  useDaemons,
  useDemoCluster,
  waitForDaemon,
  waitForExit,
} from "./daemonHarness.ts";

const daemons = useDaemons();

describe("ferryd lifecycle", () => {
  it("runs once per FERRY_HOME: of two started at once, one serves and the other exits 0", async () => {
    const home = daemons.home();
    const a = daemons.spawn(home);
    const b = daemons.spawn(home);
    const d = await waitForDaemon(home);
    const loser = d.pid === a.pid ? b : a;
    expect(await waitForExit(loser)).toBe(0);
    expect(loser.output()).toContain("already running");
    const winner = d.pid === a.pid ? a : b;
    expect(winner.exitCode).toBeNull();
  });

  it("of clients starting ferryd at once, each gets the one daemon; none waits in vain", async () => {
    for (let round = 0; round < 3; round++) {
      const home = daemons.home();
      const got = await Promise.all([0, 1, 2].map(() => ensureDaemon({ home })));
      expect(new Set(got.map((g) => g.daemon.pid)).size).toBe(1);
      expect(got.filter((g) => g.started)).toHaveLength(1);
    }
  });

  it("a client starts ferryd again when the one that took the lock dies before answering", async () => {
    const home = daemons.home();
    // A stand-in for a ferryd that won the lock and then died starting up (no daemon.json).
    const lockModule = join(import.meta.dirname, "../../src/daemon/instanceLock.ts");
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { acquireInstanceLock } from ${JSON.stringify(lockModule)};
         const lock = acquireInstanceLock(${JSON.stringify(home)});
         process.stdout.write(lock ? "held\\n" : "refused\\n");
         setTimeout(() => process.exit(0), 1500);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const said = await new Promise<string>((r) => holder.stdout?.once("data", (d) => r(`${d}`)));
    expect(said.trim()).toBe("held");
    const { daemon, started } = await ensureDaemon({ home, timeoutMs: 15_000 });
    expect(started).toBe(true);
    expect(holder.exitCode).toBe(0);
    expect(alive(daemon.pid)).toBe(true);
  });

  it("leaves no listening port, child process or daemon.json after SIGTERM", async () => {
    const home = daemons.home();
    const child = daemons.spawn(home);
    const d = await waitForDaemon(home);
    expect(listeners(d.port).length).toBe(1);
    const kids = childrenOf(d.pid);
    child.kill("SIGTERM");
    expect(await waitForExit(child)).toBe(0);
    expect(listeners(d.port)).toEqual([]);
    expect(kids.filter(alive)).toEqual([]);
    expect(existsSync(join(home, "daemon.json"))).toBe(false);
  });

  it("reports its schema version and the digest of the relay bundle it deploys", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    await waitForDaemon(home);
    const client = clientFor(home);
    const info = await client.daemon.info.query();
    closeFerryClient(client);
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    const digest = createHash("sha256").update(relayBundleSource()).digest("hex");
    expect(info.relayBundle).toBe(`sha256:${digest}`);
  });

  it("started by a client (ensureDaemon), runs with ferryd's Node flags: young generation capped", async () => {
    const home = daemons.home();
    const { daemon, started } = await ensureDaemon({ home });
    expect(started).toBe(true);
    const argv = readFileSync(`/proc/${daemon.pid}/cmdline`, "utf8").split("\0");
    expect(argv.slice(1, -1)).toEqual(["--max-semi-space-size=4", FERRYD_BIN]);
    expect([...FERRYD_NODE_FLAGS]).toEqual(["--max-semi-space-size=4"]);
  });

  it("stops through daemon.shutdown and says so in its log", async () => {
    const home = daemons.home();
    const child = daemons.spawn(home);
    await waitForDaemon(home);
    const client = clientFor(home);
    expect(await client.daemon.shutdown.mutate()).toEqual({ stopping: true });
    closeFerryClient(client);
    expect(await waitForExit(child)).toBe(0);
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(join(home, "daemon.log"), "utf8")).toContain(
      "shutting down (daemon.shutdown)",
    );
  });
});

describe("ferryd after kill -9 (kube-sim)", () => {
  const cluster = useDemoCluster();

  it("a fresh daemon takes over and restores the forward that was running (desired state)", async () => {
    const home = daemons.home();
    const first = daemons.spawn(home);
    const d1 = await waitForDaemon(home);
    const c1 = clientFor(home);
    await c1.configs.create.mutate({
      alias: "web",
      kubeconfig: cluster().kubeconfigPath,
      context: "dev-cluster",
      namespace: "webapp",
      workload_type: "service",
      service: "frontend-service",
      remote_port: 80,
      local_port: 0,
    });
    await c1.forwards.start.mutate({ aliases: ["web"] });
    const row = await settledRow(c1, "web");
    closeFerryClient(c1);
    // Only a forward that really ran makes "running again after the restart" mean something.
    expect(row?.state, JSON.stringify(row?.error)).toBe("running");
    const port = row?.localPort ?? 0;
    expect(listeners(port).length).toBe(1);

    first.kill("SIGKILL");
    await waitForExit(first);
    // The dead daemon's file is still there; a new daemon must replace it, not be refused by it.
    expect(readDaemonFile(home)?.pid).toBe(d1.pid);
    daemons.spawn(home);
    const d2 = await waitForDaemon(home, d1.pid);
    expect(d2.token).not.toBe(d1.token);
    const c2 = clientFor(home);
    const again = await settledRow(c2, "web");
    closeFerryClient(c2);
    expect([again?.alias, again?.state]).toEqual(["web", "running"]);
    expect(listeners(again?.localPort ?? 0).length).toBe(1);
  });
});
