import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeFerryClient } from "../../src/client/index.ts";
import { connectDaemon } from "../../src/node/index.ts";
import { FERRY_VERSION } from "../../src/version.ts";
import {
  clientFor,
  demoFrontend,
  settledRow,
  useDaemons,
  useDemoCluster,
  waitForDaemon,
  waitForExit,
} from "./daemonHarness.ts";

const daemons = useDaemons();

describe("version skew (issue 20)", () => {
  const cluster = useDemoCluster();

  it("a newer client takes over from an older daemon: it stops, the new one restores its running forwards, the gap is reported", async () => {
    const home = daemons.home();
    const old = daemons.spawn(home, { FERRY_VERSION_OVERRIDE: "0.0.9" });
    const oldFile = await waitForDaemon(home);
    expect(oldFile.version).toBe("0.0.9");
    const c1 = clientFor(home);
    for (const alias of ["one", "two", "idle"])
      await c1.configs.create.mutate(demoFrontend(cluster().kubeconfigPath, alias));
    await c1.forwards.start.mutate({ aliases: ["one", "two"] });
    for (const alias of ["one", "two"])
      expect((await settledRow(c1, alias))?.state).toBe("running");
    closeFerryClient(c1);

    // Same version: used as it is.
    const same = await connectDaemon({ home, version: "0.0.9" });
    closeFerryClient(same.client);
    expect(same).toMatchObject({ started: false });
    expect(same.handOver).toBeUndefined();
    // An older client never takes over from a newer daemon.
    const older = await connectDaemon({ home, version: "0.0.1" });
    closeFerryClient(older.client);
    expect(older.newerDaemon).toEqual({ daemon: "0.0.9", client: "0.0.1" });

    const { client, daemon, started, handOver } = await connectDaemon({ home });
    try {
      expect(started).toBe(true);
      expect(await waitForExit(old)).toBe(0);
      expect(daemon.version).toBe(FERRY_VERSION);
      expect(daemon.pid).not.toBe(oldFile.pid);
      expect(handOver).toMatchObject({
        from: "0.0.9",
        to: FERRY_VERSION,
        forwards: ["one", "two"],
        restored: ["one", "two"],
        failed: [],
      });
      expect(handOver?.gapMs).toBeGreaterThan(0);
      const rows = await client.forwards.status.query();
      expect(rows.map((r) => [r.alias, r.state])).toEqual([
        ["one", "running"],
        ["two", "running"],
        ["idle", "stopped"],
      ]);
      expect((await client.daemon.info.query()).version).toBe(FERRY_VERSION);
      const log = readFileSync(join(home, "daemon.log"), "utf8");
      expect(log).toMatch(
        new RegExp(
          `handing over to ferry ${FERRY_VERSION.replace(/\./g, "\\.")}: stopping; the next daemon restores 2 forward\\(s\\): one, two`,
        ),
      );
      expect(log).toMatch(/restored: one, two/);
    } finally {
      closeFerryClient(client);
    }
  }, 120_000);
});
