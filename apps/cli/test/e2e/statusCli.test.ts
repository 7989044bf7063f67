import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addServiceArgs, ferryWith, useHomes } from "./daemonHarness.ts";

const BIN = join(import.meta.dirname, "../../src/bin/ferry.ts");
const WEB = { namespace: "webapp", service: "frontend-service", localPort: 0 };
const cells = (line: string | undefined) => line?.split(/\s{2,}/);

describe("ferry status (kube-sim)", () => {
  const home = useHomes();
  let cluster: KubeSim;
  let h: string;
  let env: Record<string, string>;
  const run = (args: string[]) => ferryWith(h, args, env);

  beforeAll(async () => {
    cluster = await startKubeSim({
      scenario: "demo",
      dir: mkdtempSync(join(tmpdir(), "ferry-sim-")),
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });
  const fresh = () => {
    h = home();
    env = { KUBECONFIG: cluster.kubeconfigPath, FERRY_HOSTS_FILE: join(h, "hosts") };
  };

  it("is a table with the state word only; each error on a line of its own under it", async () => {
    fresh();
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
    fresh();
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
