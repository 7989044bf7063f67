import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addServiceArgs, ferry, useHomes } from "./daemonHarness.ts";

const BIN = join(import.meta.dirname, "../../src/bin/ferry.ts");
const add = (alias: string) =>
  addServiceArgs(alias, { namespace: "webapp", service: "frontend", localPort: 18080 }, [
    "--context",
    "dev",
  ]);

describe("ferry status", () => {
  const home = useHomes();

  it("is a table of alias, context, target, local address, state, pod, connections, traffic", async () => {
    const h = home();
    await ferry(h, add("web"));
    const run = await ferry(h, ["status"]);
    expect(run.code).toBe(0);
    const [header, row] = run.stdout.trimEnd().split("\n");
    expect(header?.split(/\s{2,}/)).toEqual([
      "ALIAS",
      "CONTEXT",
      "TARGET",
      "LOCAL",
      "STATE",
      "POD",
      "CONN",
      "TRAFFIC",
    ]);
    expect(row?.split(/\s{2,}/)).toEqual([
      "web",
      "dev",
      "webapp/svc/frontend:80",
      "127.0.0.1:18080",
      "stopped",
      "-",
      "0",
      "-",
    ]);
    const json = JSON.parse((await ferry(h, ["status", "--json"])).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        alias: "web",
        context: "dev",
        state: "stopped",
        localPort: 18080,
        pod: null,
      }),
    ]);
  });

  it("--watch redraws when a forward changes state, and ends on Ctrl-C", async () => {
    const h = home();
    await ferry(h, add("web"));
    await ferry(h, ["daemon", "start"]);
    const watch = spawn(process.execPath, [BIN, "status", "--watch"], {
      env: { ...process.env, FERRY_HOME: h },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => out.includes(text) && resolve();
        watch.stdout.on("data", (d) => {
          out += d;
          check();
        });
        check();
      });
    await seen("stopped");
    const tables = () => out.split("ALIAS").length - 1;
    const before = tables();
    // The state changes (this build may have no engine: then it is `error`; either is a change).
    await ferry(h, ["start", "web"]);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (tables() > before) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    expect(out.slice(out.lastIndexOf("ALIAS"))).toMatch(/web .* (running|error|starting)/);
    watch.kill("SIGINT");
    const code = await new Promise((r) => watch.on("exit", r));
    expect(code).toBe(0);
  });
});
