import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { exchange } from "../test/traffic.ts";
import { createHttpLogger } from "./createHttpLogger.ts";
import { parseHttpFile } from "./parseHttpFile.ts";
import { httpLogDir, httpLogFile } from "./paths.ts";
import { readExchanges } from "./readExchanges.ts";
import { checkHttpLogSettings } from "./settings.ts";
import type { HttpExchangeSummary, HttpLogProblem, HttpLogSettings } from "./types.ts";

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

function setup(s: Partial<HttpLogSettings> = {}) {
  const home = mkdtempSync(join(tmpdir(), "ferry-http-log-"));
  homes.push(home);
  const seen: HttpExchangeSummary[] = [];
  const problems: HttpLogProblem[] = [];
  const logger = createHttpLogger({
    ferryHome: home,
    configId: 7,
    localPort: 8080,
    settings: checkHttpLogSettings(s),
    onExchange: (e) => seen.push(e),
    onProblem: (p) => problems.push(p),
  });
  return { home, logger, seen, problems, file: httpLogFile(home, 7, 8080) };
}

describe("createHttpLogger", () => {
  it("announces an exchange only once a read of the file finds it", async () => {
    const { home } = setup();
    const found: number[] = [];
    let logger: ReturnType<typeof createHttpLogger> | undefined;
    const announced = new Promise<void>((resolve) => {
      logger = createHttpLogger({
        ferryHome: home,
        configId: 8,
        localPort: 8081,
        settings: checkHttpLogSettings({}),
        onExchange: (e) => {
          // what a client does on the event: read the file at once
          void readExchanges(home, 8, 8081).then((list) => {
            found.push(list.filter((x) => x.traceId === e.traceId).length);
            resolve();
          });
        },
      });
      const tap = logger.tap({ remotePort: 50001 });
      exchange(tap, { path: "/first", resBody: "ok" });
      tap.end();
    });
    await announced;
    await logger?.close();
    expect(found).toEqual([1]);
  });

  it("writes private files that read back to what onExchange said, and REST Client reads every request", async () => {
    const { home, logger, seen, file } = setup();
    const tap = logger.tap({ remotePort: 50000 });
    exchange(tap, {
      method: "POST",
      path: "/orders?api_key=k1&page=2",
      headers: ["Content-Type: application/json", "Authorization: Bearer s3cr3t"],
      body: '{"item":"tea","qty":2}',
      status: "201 Created",
      resHeaders: ["Content-Type: application/json", "Set-Cookie: sid=abc"],
      resBody: '{"id":1}',
    });
    exchange(tap, { path: "/health", resBody: "ok" });
    tap.end();
    await logger.close();
    expect(statSync(httpLogDir(home)).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, "utf8");
    for (const secret of ["s3cr3t", "sid=abc", "k1"]) expect(text).not.toContain(secret);

    const back = await readExchanges(home, 7, 8080);
    expect(back).toHaveLength(seen.length);
    expect(back).toMatchObject(seen); // the summary fields, read back from the file
    expect(back[0]).toMatchObject({
      url: "/orders?api_key=<redacted>&page=2",
      requestHeaders: [
        ["Host", "localhost:8080"],
        ["Content-Type", "application/json"],
        ["Authorization", "<redacted>"],
        ["Content-Length", "22"],
      ],
      requestBody: '{\n  "item": "tea",\n  "qty": 2\n}',
      responseHeaders: [
        ["Content-Type", "application/json"],
        ["Set-Cookie", "<redacted>"],
        ["Content-Length", "8"],
      ],
      responseBody: '{\n  "id": 1\n}',
      status: 201,
      statusText: "Created",
      httpVersion: "1.1",
    });

    const blocks = parseHttpFile(text);
    expect(
      blocks.map((b) => ({ method: b.method, url: b.url, headers: b.headers, body: b.body })),
    ).toEqual(
      back.map((e) => ({
        method: e.method,
        url: `http://localhost:8080${e.url}`,
        headers: e.requestHeaders,
        body: e.requestBody,
      })),
    );
  });

  it("rotates at maxFileSize and keeps at most maxFiles rotated files", async () => {
    const { home, logger, file, problems } = setup({ maxFileSize: 3000, maxFiles: 2 });
    const tap = logger.tap({ remotePort: 1 });
    for (let i = 0; i < 40; i++) {
      exchange(tap, { path: `/n/${i}`, resBody: "x".repeat(300) });
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 30)); // several batches
    }
    await logger.close();
    const files = readdirSync(httpLogDir(home)).sort();
    expect(files).toEqual(["7_8080.http", "7_8080.http.1", "7_8080.http.2"]);
    for (const f of files)
      expect(statSync(join(httpLogDir(home), f)).size).toBeLessThanOrEqual(3000);
    const back = await readExchanges(home, 7, 8080);
    const numbers = back.map((e) => Number(e.url.split("/")[2]));
    expect(numbers.at(-1)).toBe(39);
    expect(numbers).toEqual(numbers.map((_, i) => 40 - numbers.length + i)); // the newest, oldest first
    expect(readFileSync(file, "utf8")).toContain("/n/39");
    expect(problems).toEqual([]);
  });

  it("deletes this forward's files older than retentionDays with autoCleanup, and only those", async () => {
    const home = mkdtempSync(join(tmpdir(), "ferry-http-log-"));
    homes.push(home);
    const file = httpLogFile(home, 7, 8080);
    const dir = httpLogDir(home);
    mkdirSync(dir);
    const other = join(dir, "8_9090.http");
    const old = (Date.now() - 3 * 86400_000) / 1000;
    for (const f of [file, `${file}.1`, `${file}.2`, other]) {
      writeFileSync(f, "###\n");
      utimesSync(f, old, old);
    }
    writeFileSync(`${file}.3`, "###\n"); // recent, but past maxFiles 2
    const off = createHttpLogger({
      ferryHome: home,
      configId: 7,
      localPort: 8080,
      settings: checkHttpLogSettings({ autoCleanup: false, maxFiles: 5, retentionDays: 1 }),
    });
    await off.close();
    expect(readdirSync(dir).sort()).toEqual([
      "7_8080.http",
      "7_8080.http.1",
      "7_8080.http.2",
      "7_8080.http.3",
      "8_9090.http",
    ]);
    const on = createHttpLogger({
      ferryHome: home,
      configId: 7,
      localPort: 8080,
      settings: checkHttpLogSettings({ autoCleanup: true, maxFiles: 2, retentionDays: 1 }),
    });
    await on.close();
    expect(readdirSync(dir).sort()).toEqual(["8_9090.http"]);
  });

  it("reports an unwritable directory and keeps tapping", async () => {
    const { home, logger, problems, seen } = setup();
    writeFileSync(httpLogDir(home), "a file where the directory should be");
    const tap = logger.tap({ remotePort: 2 });
    exchange(tap, { path: "/one" });
    await new Promise((r) => setTimeout(r, 200));
    expect(problems.map((p) => p.code)).toContain("HTTP_LOG_WRITE_FAILED");
    expect(problems.find((p) => p.code === "HTTP_LOG_WRITE_FAILED")?.message).toMatch(
      /http_logs.*forward keeps running/,
    );
    expect(() => exchange(tap, { path: "/two" })).not.toThrow();
    await logger.close();
    expect(seen.map((s) => s.url)).toEqual(["/one", "/two"]);
  });

  it("reports a full disk (the file is /dev/full) and keeps tapping", async () => {
    // (autoCleanup off: /dev/full was last written long ago, retention would remove the link)
    const { home, logger, problems, seen, file } = setup({ autoCleanup: false });
    mkdirSync(httpLogDir(home), { mode: 0o700 });
    symlinkSync("/dev/full", file);
    const tap = logger.tap({ remotePort: 11 });
    exchange(tap, { path: "/one" });
    await new Promise((r) => setTimeout(r, 200));
    exchange(tap, { path: "/two" });
    await logger.close();
    expect(seen.map((s) => s.url)).toEqual(["/one", "/two"]);
    expect(problems.map((p) => p.code)).toEqual(["HTTP_LOG_WRITE_FAILED"]);
    expect(problems[0]!.message).toContain("ENOSPC");
    expect(problems[0]!.message).toContain("the disk is full; free some space");
    expect(statSync("/dev/full").mode & 0o777).toBe(0o666);
  });

  it("makes an existing file that others may read private", async () => {
    const { home, file } = setup();
    mkdirSync(httpLogDir(home), { recursive: true });
    writeFileSync(file, "", { mode: 0o644 });
    const logger = createHttpLogger({
      ferryHome: home,
      configId: 7,
      localPort: 8080,
      settings: checkHttpLogSettings({}),
    });
    exchange(logger.tap({ remotePort: 12 }), { path: "/x" });
    await logger.close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("makes a removed directory again on the next batch and says so", async () => {
    const { home, logger, problems, file } = setup();
    const tap = logger.tap({ remotePort: 3 });
    exchange(tap, { path: "/before" });
    await logger.close();
    const again = createHttpLogger({
      ferryHome: home,
      configId: 7,
      localPort: 8080,
      settings: checkHttpLogSettings({}),
      onProblem: (p) => problems.push(p),
    });
    const tap2 = again.tap({ remotePort: 4 });
    exchange(tap2, { path: "/first" });
    await new Promise((r) => setTimeout(r, 100));
    rmSync(httpLogDir(home), { recursive: true });
    exchange(tap2, { path: "/after" });
    await again.close();
    expect(problems.map((p) => p.code)).toEqual(["HTTP_LOG_DIR_MISSING"]);
    expect(readFileSync(file, "utf8")).toContain("/after");
    expect(statSync(httpLogDir(home)).mode & 0o777).toBe(0o700);
  });

  it("goes on without a false alarm when its file is removed under it", async () => {
    const { home, logger, problems, file } = setup({ maxFileSize: 3000 });
    const tap = logger.tap({ remotePort: 8 });
    for (let i = 0; i < 2; i++) exchange(tap, { path: `/old/${i}`, resBody: "y".repeat(600) });
    await new Promise((r) => setTimeout(r, 200));
    rmSync(file);
    for (let i = 0; i < 4; i++) exchange(tap, { path: `/new/${i}`, resBody: "y".repeat(900) });
    await logger.close();
    expect(problems).toEqual([]);
    expect((await readExchanges(home, 7, 8080)).map((e) => e.url)).toEqual([
      "/new/0",
      "/new/1",
      "/new/2",
      "/new/3",
    ]);
  });

  it("applies new settings live", async () => {
    const { home, logger } = setup();
    const tap = logger.tap({ remotePort: 5 });
    exchange(tap, { path: "/a", headers: ["X-Auth-Token: t0ken1"] });
    logger.update(checkHttpLogSettings({ redact: false, bodyCap: 4 }));
    exchange(tap, { path: "/b", headers: ["X-Auth-Token: t0ken2"], resBody: "0123456789" });
    await logger.close();
    const back = await readExchanges(home, 7, 8080);
    expect(back.map((e) => e.requestHeaders[1]?.[1])).toEqual(["<redacted>", "t0ken2"]);
    expect(back[1]!.responseBody).toBe("0123\n<truncated: kept 4 of 10 bytes>");
  });

  it("reads back with since and limit", async () => {
    const { home, logger } = setup();
    const tap = logger.tap({ remotePort: 6 });
    for (let i = 0; i < 5; i++) exchange(tap, { path: `/${i}` });
    await logger.close();
    const all = await readExchanges(home, 7, 8080);
    expect((await readExchanges(home, 7, 8080, { limit: 2 })).map((e) => e.url)).toEqual([
      "/3",
      "/4",
    ]);
    expect((await readExchanges(home, 7, 8080, { since: all[4]!.requestAt + 1 })).length).toBe(0);
    expect(await readExchanges(home, 99, 1)).toEqual([]);
  });
});

describe("a gzip request body", () => {
  it("is shown decoded, with its Content-Encoding commented out so REST Client sends it plain", async () => {
    const { home, logger, file } = setup();
    const tap = logger.tap({ remotePort: 9 });
    const gz = gzipSync('{"zipped":true}');
    tap.fromClient(
      Buffer.concat([
        Buffer.from(
          `POST /z HTTP/1.1\r\nHost: h:1\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${gz.length}\r\n\r\n`,
        ),
        gz,
      ]),
    );
    tap.fromServer(Buffer.from("HTTP/1.1 204 No Content\r\n\r\n"));
    await logger.close();
    const [block] = parseHttpFile(readFileSync(file, "utf8"));
    expect(block).toMatchObject({
      method: "POST",
      url: "http://h:1/z",
      body: '{\n  "zipped": true\n}',
    });
    expect(block!.headers.map(([k]) => k)).toEqual(["Host", "Content-Type", "Content-Length"]);
    const [e] = await readExchanges(home, 7, 8080);
    expect(e!.requestHeaders).toEqual(block!.headers);
    expect(e!.requestBody).toBe('{\n  "zipped": true\n}\n# <gzip decoded for display>');
  });
});

describe("closing the logger", () => {
  it("makes the taps of open connections step aside and write nothing more", async () => {
    const { home, logger } = setup();
    const tap = logger.tap({ remotePort: 10 });
    exchange(tap, { path: "/before" });
    await logger.close();
    exchange(tap, { path: "/after" });
    tap.end();
    await new Promise((r) => setTimeout(r, 100));
    expect((await readExchanges(home, 7, 8080)).map((e) => e.url)).toEqual(["/before"]);
  });
});
