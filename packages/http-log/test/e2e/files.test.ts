import { readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHttpLogger,
  curlCommand,
  defaultHttpLogSettings,
  HttpLogError,
  httpLogDir,
  httpLogFile,
  replayExchange,
} from "../../src/index.ts";
import { CONFIG_ID, everyFileText, forward, LOCAL_PORT, run, waitForEntries } from "./harness.ts";
import { startUpstream } from "./upstream.ts";

let upstream: Awaited<ReturnType<typeof startUpstream>>;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

describe("the log files", () => {
  it("never writes Authorization: Bearer s3cr3t (or a token in the query) anywhere under FERRY_HOME", async () => {
    const f = await forward(upstream.port);
    const r = await run("curl", [
      "-sS",
      "-H",
      "Authorization: Bearer s3cr3t",
      "-H",
      "Cookie: session=s3cr3t",
      "-H",
      "X-Api-Key: s3cr3t",
      `${f.base}/etag?access_token=s3cr3t&page=1`,
    ]);
    expect(r.stdout.toString()).toBe("fresh"); // (a route that does not echo the query in its body)
    const res = await fetch(`${f.base}/echo`, {
      method: "POST",
      headers: { authorization: "Bearer s3cr3t" },
      body: "hi",
    });
    expect(await res.text()).toBe("hi");
    const json = await fetch(`${f.base}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant: "x",
        refresh_token: "s3cr3t",
        nested: { client_secret: "s3cr3t" },
      }),
    });
    expect(await json.text()).toContain("s3cr3t"); // the traffic itself is untouched
    const form = await run("curl", [
      "-sS",
      "--data",
      "client_id=app&client_secret=s3cr3t",
      `${f.base}/echo`,
    ]);
    expect(form.stdout.toString()).toBe("client_id=app&client_secret=s3cr3t");
    const entries = await f.finish();
    expect(entries).toHaveLength(4);
    expect(entries[3]!.requestBody).toBe(
      "client_id=app&client_secret=<redacted>\n# <1 value redacted>",
    );
    expect(entries[0]!.requestHeaders).toContainEqual(["Authorization", "<redacted>"]);
    expect(entries[0]!.url).toBe("/etag?access_token=<redacted>&page=1");
    expect(everyFileText(f.home)).not.toContain("s3cr3t");
    expect(JSON.stringify(f.seen)).not.toContain("s3cr3t");
    f.cleanup();
  });

  it("rotation with small limits leaves at most the configured files", async () => {
    const f = await forward(upstream.port, { maxFileSize: 4096, maxFiles: 2 });
    for (let round = 0; round < 4; round++) {
      const urls = Array.from({ length: 8 }, (_, i) => `${f.base}/hello?round=${round}&i=${i}`);
      expect((await run("curl", ["-sS", "-o", "/dev/null", ...urls])).code).toBe(0);
    }
    const entries = await f.finish();
    const dir = httpLogDir(f.home);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(["11_18080.http", "11_18080.http.1", "11_18080.http.2"]);
    for (const name of files) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(4096);
    expect(entries.at(-1)!.url).toBe("/hello?round=3&i=7");
    expect(entries.length).toBeLessThan(32);
    expect(f.problems).toEqual([]);
    f.cleanup();
  });

  it("retention: a forward started with autoCleanup removes its files older than retentionDays", async () => {
    const first = await forward(upstream.port, { maxFiles: 3 });
    expect((await run("curl", ["-sS", "-o", "/dev/null", `${first.base}/hello`])).code).toBe(0);
    await first.finish();
    const file = httpLogFile(first.home, CONFIG_ID, LOCAL_PORT);
    writeFileSync(`${file}.1`, "###\n");
    const old = Date.now() / 1000 - 2 * 86400;
    utimesSync(file, old, old);
    utimesSync(`${file}.1`, old, old);
    const again = createHttpLogger({
      ferryHome: first.home,
      configId: CONFIG_ID,
      localPort: LOCAL_PORT,
      settings: { ...defaultHttpLogSettings, retentionDays: 1 },
    });
    await again.close();
    expect(readdirSync(httpLogDir(first.home))).toEqual([]);
    first.cleanup();
  });

  it("an unwritable log directory: onProblem says so, the traffic flows, the tap goes on", async () => {
    const f = await forward(upstream.port);
    writeFileSync(httpLogDir(f.home), "not a directory");
    for (const n of [1, 2]) {
      const r = await run("curl", ["-sS", `${f.base}/hello?n=${n}`]);
      expect(r.stdout.toString()).toContain(`"query":"?n=${n}"`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await f.relay.close();
    await f.logger.close();
    expect(f.seen.map((s) => s.url)).toEqual(["/hello?n=1", "/hello?n=2"]);
    expect(f.problems.map((p) => p.code)).toEqual(["HTTP_LOG_WRITE_FAILED"]);
    expect(f.problems[0]!.message).toContain(httpLogDir(f.home));
    f.cleanup();
  });

  it.each([
    [{ maxFileSize: 0 }, "maxFileSize"],
    [{ maxFileSize: -1 }, "maxFileSize"],
    [{ retentionDays: 0 }, "retentionDays"],
    [{ retentionDays: -3 }, "retentionDays"],
  ])("refuses bad settings %o with HTTP_LOG_INVALID_SETTING naming %s", (bad, field) => {
    let err: unknown;
    try {
      createHttpLogger({
        ferryHome: "/nonexistent",
        configId: 1,
        localPort: 1,
        settings: { ...defaultHttpLogSettings, ...bad },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HttpLogError);
    expect((err as HttpLogError).code).toBe("HTTP_LOG_INVALID_SETTING");
    expect((err as HttpLogError).message).toContain(field);
  });
});

describe("sending a logged request again", () => {
  it("replayExchange through the relay: the pod sees the same method, path and body, and it is logged again", async () => {
    const f = await forward(upstream.port);
    const body = JSON.stringify({ order: 42, items: ["tea"] });
    const r = await run("curl", [
      "-sS",
      "-X",
      "PUT",
      "-H",
      "Content-Type: application/json",
      "-H",
      "Authorization: Bearer s3cr3t",
      "--data-binary",
      body,
      `${f.base}/echo?x=1`,
    ]);
    expect(r.stdout.toString()).toBe(body);
    const [logged] = await waitForEntries(f.home, 1);
    const before = upstream.hits.length;
    const result = await replayExchange(logged!, { host: "127.0.0.1", port: f.relay.port });
    expect(result.status).toBe(200);
    expect(upstream.hits.slice(before)).toEqual(["PUT /echo?x=1"]);
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.url, e.status, e.responseBody])).toEqual([
      ["PUT", "/echo?x=1", 200, JSON.stringify(JSON.parse(body), null, 2)],
      ["PUT", "/echo?x=1", 200, JSON.stringify(JSON.parse(body), null, 2)],
    ]);
    expect(entries[1]!.requestHeaders.map(([k]) => k.toLowerCase())).not.toContain("authorization");
    f.cleanup();
  });

  it("curlCommand runs in a shell and sends the same request", async () => {
    const f = await forward(upstream.port);
    const res = await fetch(`${f.base}/echo`, {
      method: "POST",
      headers: { "content-type": "text/plain", "x-trace": "it's" },
      body: "a 'quoted' body",
    });
    expect(await res.text()).toBe("a 'quoted' body");
    const [logged] = await waitForEntries(f.home, 1);
    const cmd = curlCommand(logged!, { host: "127.0.0.1", port: f.relay.port });
    expect(cmd).toContain("-X POST");
    const r = await run("sh", ["-c", `${cmd} -sS`]);
    expect(r.stdout.toString()).toBe("a 'quoted' body");
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.requestBody])).toEqual([
      ["POST", "a 'quoted' body"],
      ["POST", "a 'quoted' body"],
    ]);
    expect(entries[1]!.requestHeaders).toContainEqual(["x-trace", "it's"]);
    f.cleanup();
  });
});
