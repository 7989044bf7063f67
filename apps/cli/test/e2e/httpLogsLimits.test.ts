import { createHash } from "node:crypto";
import { rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCollect } from "./configHarness.ts";
import { patternBytes, patternSha256 } from "./fixtureBackend.ts";
import { useFixtureSim } from "./fixtureSim.ts";
import { curl, download, uploadFile } from "./httpClients.ts";
import { logFiles, loggedWhen } from "./httpLogHarness.ts";

const MIB = 1 << 20;
const BODY_CAP = 64 * 1024;

interface ConfigRow {
  id: number;
  http_logs_enabled: boolean;
}

// Issue 17: big bodies, non-HTTP traffic, the size and age limits, and refusals, through ferryd.
describe("ferry HTTP logs: limits and refusals (kube-sim fixture pod)", () => {
  const sim = useFixtureSim();

  it("50 MiB each way: one entry each, bodies capped, bytes intact (sha256)", {
    timeout: 180_000,
  }, async () => {
    const h = sim.home();
    await h.addFixture("fx-big", ["--http-logs-enabled", "true"]);
    const t = await h.start("fx-big");
    expect(await download(t, 50 * MIB)).toEqual({
      bytes: 50 * MIB,
      sha256: patternSha256(50 * MIB),
    });
    const file = join(h.home, "upload.bin");
    const body = Buffer.concat(Array.from({ length: 50 }, (_, i) => patternBytes(MIB, i * MIB)));
    writeFileSync(file, body);
    expect(await uploadFile(t, file)).toEqual({
      bytes: 50 * MIB,
      sha256: createHash("sha256").update(body).digest("hex"),
    });
    const list = await loggedWhen(h, "fx-big", (l) => l.length >= 2, ["--bodies"]);
    expect(list.map((e) => `${e.method} ${e.status}`)).toEqual(["GET 200", "POST 200"]);
    expect(list[0]?.responseBytes).toBe(50 * MIB);
    expect(list[1]?.requestBytes).toBe(50 * MIB);
    for (const e of list) {
      expect(e.requestBody?.length ?? 0).toBeLessThanOrEqual(BODY_CAP + 256);
      expect(e.responseBody?.length ?? 0).toBeLessThanOrEqual(BODY_CAP + 256);
    }
    const [logFile] = logFiles(h.home);
    expect(statSync(join(h.home, "http_logs", logFile as string)).size).toBeLessThan(
      2 * BODY_CAP + 64 * 1024,
    );
  });

  it("the demo's Redis through a TCP forward: redis-cli works, the log gets one note and no garbage", {
    timeout: 90_000,
  }, async () => {
    const h = sim.home();
    await h.importDemo();
    expect(
      (await h.run(["config", "edit", "private-redis-proxy", "--http-logs-enabled", "true"])).code,
    ).toBe(0);
    const t = await h.start("private-redis-proxy");
    const cli = (args: string[]) =>
      runCollect("redis-cli", ["-h", t.host, "-p", String(t.port), ...args], {});
    expect((await cli(["PING"])).stdout).toBe("PONG\n");
    expect((await cli(["SET", "k", "v"])).stdout).toBe("OK\n");
    expect((await cli(["GET", "k"])).stdout).toBe("v\n");
    const list = await loggedWhen(h, "private-redis-proxy", (l) => l.length >= 3);
    // One note per connection (three redis-cli runs), each stepping aside: no fake requests.
    expect(list).toHaveLength(3);
    for (const e of list) {
      expect(e.note).toMatch(/not HTTP/i);
      expect(e.status).toBeNull();
    }
  });

  it("rotation and retention with small limits leave at most the configured files", {
    timeout: 120_000,
  }, async () => {
    const h = sim.home();
    expect((await h.run(["settings", "set", "http_logs.max_files", "2"])).code).toBe(0);
    await h.addFixture("fx-rot", ["--http-logs-enabled", "true"]);
    const t = await h.start("fx-rot");
    const edit = await h.run(["config", "edit", "fx-rot", "--http-logs-max-file-size", "2048"]);
    expect(edit.code, edit.stderr).toBe(0);
    for (let i = 0; i < 40; i++) await curl(t, `/hello?i=${i}`);
    await loggedWhen(h, "fx-rot", (l) => l.some((e) => e.url.includes("i=39")));
    const files = logFiles(h.home);
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeLessThanOrEqual(3); // the file and at most 2 rotated ones
    for (const f of files)
      expect(statSync(join(h.home, "http_logs", f)).size).toBeLessThan(2048 + 4096);

    // Retention: a file older than the retention goes once auto-cleanup is on.
    const base = files.find((f) => f.endsWith(".http")) as string;
    const old = join(h.home, "http_logs", `${base}.2`);
    writeFileSync(old, "### old\n");
    const threeDaysAgo = Date.now() / 1000 - 3 * 86_400;
    utimesSync(old, threeDaysAgo, threeDaysAgo);
    const cleanup = await h.run([
      "config",
      "edit",
      "fx-rot",
      "--http-logs-retention-days",
      "1",
      "--http-logs-auto-cleanup",
      "true",
    ]);
    expect(cleanup.code, cleanup.stderr).toBe(0);
    await curl(t, "/hello?after-cleanup=1");
    const deadline = Date.now() + 30_000;
    while (logFiles(h.home).includes(`${base}.2`) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 300));
    expect(logFiles(h.home)).not.toContain(`${base}.2`);
  });

  it("refusals: size 0 or negative, a UDP forward, an unwritable log dir; the forward keeps serving", {
    timeout: 120_000,
  }, async () => {
    const h = sim.home();
    await h.addFixture("fx-bad");
    const t = await h.start("fx-bad");
    const serves = async () => JSON.parse((await curl(t, "/hello")).stdout).hello;

    for (const size of ["0", "-5"]) {
      const r = await h.run(["config", "edit", "fx-bad", `--http-logs-max-file-size=${size}`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("--http-logs-max-file-size");
      expect(await serves()).toBe("fixture");
    }
    const days = await h.run(["config", "edit", "fx-bad", "--http-logs-retention-days=0"]);
    expect(days.code).toBe(1);
    expect(days.stderr).toContain("--http-logs-retention-days");

    await h.importDemo();
    const udp = await h.run(["config", "edit", "cluster-dns-udp", "--http-logs-enabled", "true"]);
    expect(udp.code).toBe(1);
    expect(udp.stderr).toContain("HTTP logs need a TCP forward");
    const dns = JSON.parse(
      (await h.run(["config", "show", "cluster-dns-udp", "--json"])).stdout,
    ) as ConfigRow;
    expect(dns.http_logs_enabled).toBe(false);

    // A file where the directory should be: nothing can be written under it.
    rmSync(join(h.home, "http_logs"), { recursive: true, force: true });
    writeFileSync(join(h.home, "http_logs"), "not a directory\n");
    const on = await h.run(["config", "edit", "fx-bad", "--http-logs-enabled", "true"]);
    for (let i = 0; i < 3; i++) expect(await serves()).toBe("fixture");
    const said = on.stderr + (await h.run(["status", "fx-bad"])).stdout;
    expect(said).toMatch(/http_logs/);
    const st = await h.run(["status", "fx-bad", "--json"]);
    expect(JSON.parse(st.stdout)).toMatchObject({ state: "running" });
  });
});
