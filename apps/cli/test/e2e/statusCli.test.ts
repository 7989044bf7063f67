import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addServiceArgs } from "./daemonHarness.ts";
import { useKubeSim } from "./simHarness.ts";

const BIN = join(import.meta.dirname, "../../src/bin/ferry.ts");
const WEB = { namespace: "webapp", service: "frontend-service", localPort: 0 };
const cells = (line: string | undefined) => line?.split(/\s{2,}/);

describe("ferry status (kube-sim)", () => {
  const sim = useKubeSim();

  it("is a table with the state word only; each error on a line of its own under it", async () => {
    const { run } = sim.home();
    expect((await run(addServiceArgs("web", WEB, ["--context", "dev-cluster"]))).code).toBe(0);
    expect((await run(addServiceArgs("lost", WEB, ["--context", "nowhere"]))).code).toBe(0);
    const before = await run(["status"]);
    expect(before.code, before.stderr).toBe(0);
    const [header, web, lost] = before.stdout.trimEnd().split("\n");
    expect(cells(header)).toEqual([
      "ALIAS",
      "CONTEXT",
      "TARGET",
      "LOCAL",
      "STATE",
      "POD",
      "CONN",
      "TRAFFIC",
    ]);
    expect(cells(web)).toEqual([
      "web",
      "dev-cluster",
      "webapp/svc/frontend-service:80",
      "127.0.0.1:auto",
      "stopped",
      "-",
      "0",
      "-",
    ]);
    expect(cells(lost)?.[4]).toBe("stopped");

    expect((await run(["start", "web"])).code).toBe(0);
    expect((await run(["start", "lost"])).code).toBe(1);
    const after = (await run(["status"])).stdout.trimEnd().split("\n");
    expect(cells(after[1])?.[4]).toBe("running");
    expect(cells(after[1])?.[5]).toMatch(/^webapp\/frontend-/);
    expect(cells(after[2])?.[4]).toBe("error");
    expect(after[3]).toBe("");
    expect(after[4]).toMatch(/^lost: .*nowhere.* \([A-Z_]+\)$/);
    expect(after).toHaveLength(5);
  });

  it("--watch redraws when a forward starts, shows it running, and ends on Ctrl-C", async () => {
    const { run, home: h, env } = sim.home();
    expect((await run(addServiceArgs("web", WEB, ["--context", "dev-cluster"]))).code).toBe(0);
    await run(["daemon", "start"]);
    const watch = spawn(process.execPath, [BIN, "status", "--watch"], {
      env: { ...process.env, FERRY_HOME: h, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(out.slice(out.lastIndexOf("ALIAS"))) && resolve();
        watch.stdout.on("data", (d) => {
          out += d;
          check();
        });
        check();
      });
    await seen(/\nweb .* stopped /);
    expect((await run(["start", "web"])).code).toBe(0);
    await seen(/\nweb .* running /);
    expect(cells(out.slice(out.lastIndexOf("ALIAS")).split("\n")[1])?.[4]).toBe("running");
    watch.kill("SIGINT");
    const code = await new Promise((r) => watch.on("exit", r));
    expect(code).toBe(0);
  });
});
