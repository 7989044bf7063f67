import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startKubeSim } from "@ferry/kube-sim";
import { describe, expect, it } from "vitest";
import {
  addServiceArgs,
  alive,
  ferry,
  ferrydPids,
  ferryWith,
  useHomes,
  waitGone,
} from "./daemonHarness.ts";

const daemonPid = (home: string) =>
  (JSON.parse(readFileSync(join(home, "daemon.json"), "utf8")) as { pid: number }).pid;

describe("ferry daemon", () => {
  const home = useHomes();

  it("two `ferry daemon start` at once leave one daemon, and both report it", async () => {
    const h = home();
    const [a, b] = await Promise.all([
      ferry(h, ["daemon", "start"]),
      ferry(h, ["daemon", "start"]),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const pids = ferrydPids(h);
    expect(pids).toHaveLength(1);
    for (const run of [a, b]) expect(run.stdout).toContain(`pid ${pids[0]}`);
    expect([a.stdout, b.stdout].filter((s) => s.includes("started")).length).toBeLessThanOrEqual(1);
  });

  it("status, logs and stop", async () => {
    const h = home();
    expect((await ferry(h, ["daemon", "status"])).stdout).toBe("ferryd is not running\n");
    await ferry(h, ["daemon", "start"]);
    const pid = daemonPid(h);
    const status = await ferry(h, ["daemon", "status", "--json"]);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, pid, home: h });
    expect((await ferry(h, ["daemon", "logs"])).stdout).toContain("listening on 127.0.0.1:");
    const stop = await ferry(h, ["daemon", "stop"]);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toBe(`ferryd stopped (pid ${pid})\n`);
    expect(alive(pid)).toBe(false);
    expect((await ferry(h, ["daemon", "status"])).stdout).toBe("ferryd is not running\n");
  });

  it("after kill -9 of the daemon, the next command gets a fresh daemon that restores what ran", async () => {
    const h = home();
    const cluster = await startKubeSim({
      scenario: "demo",
      dir: mkdtempSync(join(tmpdir(), "ferry-sim-")),
    });
    try {
      await killedWhileRunning(h, {
        KUBECONFIG: cluster.kubeconfigPath,
        FERRY_HOSTS_FILE: join(h, "hosts"),
      });
    } finally {
      await cluster.close();
    }
  });

  /** A forward is brought to `running`, the daemon killed -9: the fresh one restores it. */
  async function killedWhileRunning(h: string, env: NodeJS.ProcessEnv) {
    const web = addServiceArgs(
      "web",
      { namespace: "webapp", service: "frontend-service", localPort: 0 },
      ["--context", "dev-cluster"],
    );
    expect((await ferryWith(h, web, env)).code).toBe(0);
    const first = daemonPid(h);
    const start = await ferryWith(h, ["start", "web"], env);
    expect(start.code, start.stderr).toBe(0);
    const running = JSON.parse((await ferryWith(h, ["status", "--json"], env)).stdout) as {
      state: string;
    }[];
    expect(running.map((r) => r.state)).toEqual(["running"]);
    process.kill(first, "SIGKILL");
    await waitGone(first);
    const run = await ferryWith(h, ["status", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    const second = daemonPid(h);
    expect(second).not.toBe(first);
    expect(ferrydPids(h)).toEqual([second]);
    // The fresh daemon restores what ran (issue 20): starting at once, running once the pod answers.
    let rows = JSON.parse(run.stdout) as { alias: string; state: string; connections: number }[];
    for (let i = 0; i < 200 && rows[0]?.state !== "running"; i++) {
      expect(["starting", "running"]).toContain(rows[0]?.state);
      await new Promise((r) => setTimeout(r, 50));
      rows = JSON.parse((await ferryWith(h, ["status", "--json"], env)).stdout);
    }
    expect(rows.map((r) => [r.alias, r.state, r.connections])).toEqual([["web", "running", 0]]);
    expect(readFileSync(join(h, "daemon.log"), "utf8")).toContain("restored: web");
  }

  it("any command starts the daemon when it is absent", async () => {
    const h = home();
    expect(ferrydPids(h)).toEqual([]);
    const run = await ferry(h, ["status"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("no configs");
    expect(ferrydPids(h)).toHaveLength(1);
  });
});
