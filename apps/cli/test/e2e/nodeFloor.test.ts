import { readlinkSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitGone } from "./configHarness.ts";
import {
  exampleUser,
  type Installed,
  mappedFiles,
  packAndInstall,
  registryNode,
  removeInstall,
  runIn,
  startExampleForwards,
} from "./installHarness.ts";

// The package's engines say >=22.12: this installs it with Node 22.12.0 itself and runs it there.
// On Node-API 9 the store loads better-sqlite3 12 (better-sqlite3-napi9): 13 segfaults there.
const FLOOR = "22.12.0";

describe(`the installed package on Node ${FLOOR}, the engines floor`, () => {
  let installed: Installed;
  let cluster: KubeSim;

  beforeAll(async () => {
    installed = packAndInstall(registryNode(FLOOR));
    cluster = await startKubeSim({ scenario: "demo", dir: join(installed.dir, "sim") });
  }, 600_000);
  afterAll(async () => {
    await cluster?.close();
    await removeInstall(installed, ["home"]);
  });

  it("imports, forwards TCP and UDP, and its daemon runs on that Node with better-sqlite3 12", async () => {
    const { home, work, env, ferry } = exampleUser(installed, cluster.kubeconfigPath);

    const {
      pid: daemonPid,
      web,
      dns,
    } = await startExampleForwards(ferry, cluster.kubeconfigPath, home);
    expect([web?.state, dns?.state]).toEqual(["running", "running"]);

    const version = await ferry("version", "--json");
    expect(version.code, version.stderr).toBe(0);
    expect(JSON.parse(version.stdout)).toMatchObject({ node: FLOOR });

    expect(realpathSync(readlinkSync(`/proc/${daemonPid}/exe`))).toBe(realpathSync(installed.node));
    const addons = mappedFiles(daemonPid).filter((file) => file.endsWith("better_sqlite3.node"));
    expect(addons.length).toBeGreaterThan(0);
    expect(addons.every((file) => file.includes("better-sqlite3-napi9"))).toBe(true);

    const res = await fetch(`http://${web?.localAddress}:${web?.localPort}/`);
    expect(res.status).toBe(200);
    await res.text();
    const dig = await runIn(work, env, "dig", [
      "+short",
      "+time=3",
      "+tries=3",
      "-p",
      String(dns?.localPort),
      `@${dns?.localAddress}`,
      "kubernetes.default.svc.cluster.local",
    ]);
    expect(dig.stdout.trim()).toBe("10.96.0.1");

    expect((await ferry("stop", "--all")).code).toBe(0);
    const stopped = await ferry("daemon", "stop");
    expect(stopped.code, stopped.stderr).toBe(0);
    await waitGone(daemonPid);
  }, 240_000);
});
