import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { addServiceArgs, ferryWith } from "./daemonHarness.ts";
import { type SimHome, useKubeSim } from "./simHarness.ts";

interface Row {
  alias: string;
  state: string;
  localPort: number;
}

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A fake opener (xdg-open, or a $BROWSER) that records its argument, first on PATH. */
function recordingOpener(dir: string, name: string): { log: string } {
  const log = join(dir, `${name}.log`);
  writeFileSync(join(dir, name), `#!/bin/sh\necho "$@" >> "${log}"\n`);
  chmodSync(join(dir, name), 0o755);
  return { log };
}

// Issue 22, the CLI's everyday care: one forward in full, duplicate, open in the browser.
describe("ferry status <alias>, config duplicate, open (kube-sim)", () => {
  const sim = useKubeSim();
  let h: string;
  let env: Record<string, string>;
  let run: SimHome["run"];

  const started = async (port: number | string) => {
    ({ home: h, env, run } = sim.home());
    const to = { namespace: "webapp", service: "frontend-service", localPort: port };
    expect(
      (await run(addServiceArgs("web", to, ["--context", "dev-cluster", "--group", "shop"]))).code,
    ).toBe(0);
    const start = await run(["start", "web"]);
    expect(start.code, start.stderr).toBe(0);
  };

  it("status <alias> shows one forward in full with its recent events (ferryd's history, not its log)", async () => {
    await started(0);
    // The events come from forwards.history: an emptied daemon.log takes none away.
    writeFileSync(join(h, "daemon.log"), "");
    const one = await run(["status", "web"]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/^state +running since \d{4}-/m);
    expect(one.stdout).toMatch(/^pod +webapp\/frontend-/m);
    expect(one.stdout).toContain("recent events:");
    expect(one.stdout).toMatch(/ info +state running on webapp\/frontend-\S+$/m);
    const json = JSON.parse((await run(["status", "web", "--json"])).stdout) as Row & {
      events: { message: string }[];
    };
    expect(json.state).toBe("running");
    expect(json.events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/^state running on webapp\/frontend-/),
    );
    const nope = await run(["status", "nope"]);
    expect(nope.code).toBe(1);
    expect(nope.stderr).toBe('ferry: no config named "nope"; `ferry config list` shows them all\n');
  });

  it("config duplicate copies every field under web-2 on a free local port, and both run", async () => {
    const port = await freePort();
    await started(port);
    const dup = await run(["config", "duplicate", "web", "--json"]);
    expect(dup.code, dup.stderr).toBe(0);
    const copy = JSON.parse(dup.stdout) as Record<string, unknown>;
    const original = JSON.parse((await run(["config", "show", "web", "--json"])).stdout);
    expect(copy.alias).toBe("web-2");
    expect(copy.local_port).toBeGreaterThan(port);
    const { id: _a, alias: _b, local_port: _c, ...same } = original;
    expect(copy).toMatchObject(same);
    expect((await run(["start", "web-2"])).code).toBe(0);
    const rows = JSON.parse((await run(["status", "--json"])).stdout) as Row[];
    expect(rows.map((r) => [r.alias, r.state])).toEqual([
      ["web", "running"],
      ["web-2", "running"],
    ]);
    expect((await run(["config", "duplicate", "web"])).stdout).toMatch(/^added config "web-3"/);
  });

  it("open hands http://<local address>/ to xdg-open, or to $BROWSER; refuses a stopped forward", async () => {
    await started(0);
    const bin = mkdtempSync(join(tmpdir(), "ferry-open-"));
    const xdg = recordingOpener(bin, "xdg-open");
    const path = `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`;
    const port = (JSON.parse((await run(["status", "--json"])).stdout) as Row[])[0]?.localPort;
    const open = await ferryWith(h, ["open", "web"], { ...env, PATH: path, BROWSER: "" });
    expect(open.code, open.stderr).toBe(0);
    expect(open.stdout).toBe(`opened http://127.0.0.1:${port}/\n`);
    expect(readFileSync(xdg.log, "utf8")).toBe(`http://127.0.0.1:${port}/\n`);

    const browser = recordingOpener(bin, "my-browser");
    const https = await ferryWith(h, ["open", "web", "--https"], {
      ...env,
      PATH: path,
      BROWSER: join(bin, "my-browser"),
    });
    expect(https.code, https.stderr).toBe(0);
    expect(readFileSync(browser.log, "utf8")).toBe(`https://127.0.0.1:${port}/\n`);

    expect((await run(["stop", "web"])).code).toBe(0);
    const stopped = await ferryWith(h, ["open", "web"], { ...env, PATH: path, BROWSER: "" });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toBe('ferry: "web" is stopped, not running; `ferry start web` first\n');
    expect(readFileSync(xdg.log, "utf8").split("\n").filter(Boolean)).toHaveLength(1);
  });
});
