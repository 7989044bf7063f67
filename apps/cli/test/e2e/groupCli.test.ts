import { describe, expect, it } from "vitest";
import { addServiceArgs } from "./daemonHarness.ts";
import { useKubeSim } from "./simHarness.ts";

interface Row {
  alias: string;
  state: string;
}

describe("ferry start/stop --group (kube-sim)", () => {
  const sim = useKubeSim();

  it("starts and stops every forward of one group, and no other", async () => {
    const { run } = sim.home();
    const web = { namespace: "webapp", service: "frontend-service", localPort: 0 };
    const more = (group: string) => ["--context", "dev-cluster", "--group", group];
    expect((await run(addServiceArgs("shop-a", web, more("shop")))).code).toBe(0);
    expect((await run(addServiceArgs("shop-b", web, more("shop")))).code).toBe(0);
    expect((await run(addServiceArgs("other", web, more("admin")))).code).toBe(0);

    const start = await run(["start", "--group", "shop"]);
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toContain("2 running, 0 failed");
    const states = async () =>
      Object.fromEntries(
        (JSON.parse((await run(["status", "--json"])).stdout) as Row[]).map((r) => [
          r.alias,
          r.state,
        ]),
      );
    expect(await states()).toEqual({ "shop-a": "running", "shop-b": "running", other: "stopped" });

    const stop = await run(["stop", "--group", "shop"]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toBe("shop-a  stopped\nshop-b  stopped\n");
    expect(await states()).toEqual({ "shop-a": "stopped", "shop-b": "stopped", other: "stopped" });

    const none = await run(["start", "--group", "nope"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no config in group "nope"');
  });
});
