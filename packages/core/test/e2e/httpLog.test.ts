// Issue 17 in core: a TCP forward with its HTTP log on taps each new connection; curl through it
// to a kube-sim HTTP pod lands in the .http file and as an `http` event; turning the log off live
// stops new entries, and a UDP forward refuses it. (The full acceptance list runs through ferryd
// in the cli suites.)

import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { defaultHttpLogSettings } from "@ferry/http-log";
import { describe, expect, it } from "vitest";
import { FerryError } from "../../src/index.ts";
import { tcpConfig, useSimAndEngine, waitUntil } from "./helpers.ts";

const run = promisify(execFile);
const { sim, newEngine } = useSimAndEngine();

async function curl(port: number, path: string): Promise<string> {
  const { stdout } = await run("curl", [
    "-sS",
    "--max-time",
    "10",
    `http://127.0.0.1:${port}${path}`,
  ]);
  return stdout;
}

describe("HTTP log", () => {
  it("logs curl's exchange to the file and as an event, and stops when turned off live", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, {
      remote_port: 80,
      http_log: { ...defaultHttpLogSettings },
    });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");
    expect(s.httpLog.enabled).toBe(true);
    const file = s.httpLog.file;
    expect(file).toMatch(new RegExp(`http_logs/${cfg.id}_${s.localPort}\\.http$`));

    expect(JSON.parse(await curl(s.localPort!, "/first?x=1")).path).toBe("/first?x=1");
    await waitUntil(
      () => `the exchange in ${file}`,
      () => {
        try {
          return readFileSync(file!, "utf8").includes("GET http://");
        } catch {
          return false;
        }
      },
    );
    const text = readFileSync(file!, "utf8");
    expect(text).toContain("/first?x=1");
    expect(text).toMatch(/# .*200/);
    // The exchange is announced once its write has completed, which is a little after the bytes
    // are readable in the file (CI saw the event list still empty here).
    const httpEvents = () => t.events.filter((e) => e.type === "http" && e.id === cfg.id);
    await waitUntil(
      () => "the exchange's http event",
      () => httpEvents().length > 0,
    );
    const http = httpEvents();
    expect(http).toHaveLength(1);
    expect(http[0]).toMatchObject({
      exchange: { method: "GET", status: 200, configId: cfg.id },
    });
    expect(t.engine.status(cfg.id)?.httpLog.exchanges).toBe(1);

    const off = t.engine.setHttpLog(cfg.id, null);
    expect(off?.httpLog).toMatchObject({ enabled: false, file: null });
    expect(off?.state).toBe("running");
    expect(JSON.parse(await curl(s.localPort!, "/second")).path).toBe("/second");
    await new Promise((r) => setTimeout(r, 500));
    expect(readFileSync(file!, "utf8")).not.toContain("/second");
    expect(httpEvents()).toHaveLength(1);

    // On again, live: the next connection is logged.
    t.engine.setHttpLog(cfg.id, { ...defaultHttpLogSettings });
    await curl(s.localPort!, "/third");
    await waitUntil(
      () => "the third exchange",
      () => readFileSync(file!, "utf8").includes("/third"),
    );
  });

  it("a UDP forward refuses it (HTTP_LOG_UNSUPPORTED), and bad settings change nothing", async () => {
    const t = newEngine();
    const udp = tcpConfig(sim().kubeconfigPath, {
      service: "udp-echo",
      protocol: "udp",
      remote_port: 5353,
    });
    await t.engine.start(udp);
    let err: unknown;
    try {
      t.engine.setHttpLog(udp.id, { ...defaultHttpLogSettings });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FerryError);
    expect(err).toMatchObject({
      code: "HTTP_LOG_UNSUPPORTED",
      message: "HTTP logs need a TCP forward",
    });
    expect(t.engine.status(udp.id)?.httpLog.enabled).toBe(false);

    const tcp = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    await t.engine.start(tcp);
    expect(() =>
      t.engine.setHttpLog(tcp.id, { ...defaultHttpLogSettings, maxFileSize: 0 }),
    ).toThrow(/maxFileSize/);
    expect(t.engine.status(tcp.id)?.httpLog.enabled).toBe(false);
  });
});
