import { describe, expect, it } from "vitest";
import { addServiceArgs, alive, ferrydPids, ferryWith, waitGone } from "./daemonHarness.ts";
import { useKubeSim } from "./simHarness.ts";

const WEB = { namespace: "webapp", service: "frontend-service", localPort: 0 };
const OLD = { FERRY_VERSION_OVERRIDE: "0.0.9" };

interface Row {
  alias: string;
  state: string;
  localAddress: string;
  localPort: number;
}

// Issue 20, version skew, as a user meets it: an older ferryd is running (its version injected by
// env); the next ferry command of this (newer) version takes over, the forwards come back, and the
// command's stderr says so with the gap.
describe("a newer ferry takes over from an older ferryd (kube-sim)", () => {
  const sim = useKubeSim();

  it("restores the running forwards, reports the gap, leaves a stopped one stopped", {
    timeout: 180_000,
  }, async () => {
    const h = sim.home();
    const runOld = (args: string[]) => ferryWith(h.home, args, { ...h.env, ...OLD });
    for (const alias of ["one", "two", "idle"])
      expect((await runOld(addServiceArgs(alias, WEB, ["--context", "dev-cluster"]))).code).toBe(0);
    const started = await runOld(["start", "one", "two"]);
    expect(started.code, started.stderr).toBe(0);
    const [oldPid] = ferrydPids(h.home);
    const info = JSON.parse((await runOld(["daemon", "status", "--json"])).stdout);
    expect(JSON.stringify(info)).toContain("0.0.9");

    const status = await h.run(["status", "--json"]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(
      /^ferry: ferryd 0\.0\.9 handed over to ferryd (\S+) \(this ferry's version\)$/m,
    );
    expect(status.stderr).toMatch(
      /^ferry: 2 of 2 forwards running again after a gap of \d+\.\d s: one, two$/m,
    );
    await waitGone(oldPid as number);
    expect(alive(oldPid as number)).toBe(false);
    const rows = JSON.parse(status.stdout) as Row[];
    expect(rows.map((r) => [r.alias, r.state])).toEqual([
      ["one", "running"],
      ["two", "running"],
      ["idle", "stopped"],
    ]);
    const one = rows[0] as Row;
    expect((await fetch(`http://${one.localAddress}:${one.localPort}/`)).status).toBe(200);

    // Once taken over, the next command says nothing; an older client uses the newer daemon as is.
    expect((await h.run(["status"])).stderr).toBe("");
    const older = await runOld(["status"]);
    expect(older.code).toBe(0);
    expect(older.stderr).toMatch(
      /ferryd \S+ is newer than this ferry \(0\.0\.9\); using it as it is/,
    );
    expect(ferrydPids(h.home)).toHaveLength(1);
  });
});
