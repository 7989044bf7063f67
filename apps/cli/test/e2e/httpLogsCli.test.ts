import { writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCollect } from "./configHarness.ts";
import { useFixtureSim } from "./fixtureSim.ts";
import {
  chunkedUpload,
  curl,
  fetchKeepAlive,
  pipelined,
  uploadFile,
  websocketEcho,
} from "./httpClients.ts";
import {
  type LoggedExchange,
  logged,
  loggedWhen,
  restClientBlocks,
  useFollowers,
} from "./httpLogHarness.ts";
import { filesContaining } from "./syncHarness.ts";

const pathOf = (url: string) => {
  const u = new URL(url, "http://fixture");
  return u.pathname + u.search;
};
const key = (e: LoggedExchange) => `${e.method} ${pathOf(e.url)} ${e.status}`;

interface StatusRow {
  alias: string;
  state: string;
  since: number;
  localPort: number;
  pod: string | null;
  httpLog?: { enabled: boolean };
}
const statusOf = async (run: (a: string[]) => Promise<{ stdout: string }>, alias: string) =>
  (JSON.parse((await run(["status", "--json"])).stdout) as StatusRow[]).find(
    (r) => r.alias === alias,
  );

/** A raw keep-alive connection: `ask()` sends one GET /hello and resolves to the status line. */
function rawConnection(t: { host: string; port: number }) {
  const s = net.connect(t.port, t.host);
  let pending: ((line: string) => void) | null = null;
  s.setEncoding("utf8").on("data", (d: string) => {
    pending?.(d.split("\r\n")[0] ?? "");
    pending = null;
  });
  return {
    ask: () =>
      new Promise<string>((resolve) => {
        pending = resolve;
        s.write("GET /hello HTTP/1.1\r\nHost: fixture\r\n\r\n");
      }),
    close: () => s.destroy(),
  };
}

// Issue 17's acceptance through ferryd, the CLI and a real forward to the fixture pod.
describe("ferry logs http (kube-sim fixture pod)", () => {
  const sim = useFixtureSim();
  const follow = useFollowers();

  it("logging turned on while the forward runs (no restart): each exchange is one paired entry", {
    timeout: 120_000,
  }, async () => {
    const h = sim.home();
    await h.addFixture("fx");
    const t = await h.start("fx");
    const before = await statusOf(h.run, "fx");
    const early = rawConnection(t);
    expect(await early.ask()).toBe("HTTP/1.1 200 OK");

    const on = await h.run(["config", "edit", "fx", "--http-logs-enabled", "true"]);
    expect(on.code, on.stderr).toBe(0);
    // Not restarted: the same state change time, and a connection opened before still works.
    const after = await statusOf(h.run, "fx");
    const identity = (r: StatusRow | undefined) => r && [r.state, r.since, r.localPort, r.pod];
    expect(identity(after)).toEqual(identity(before));
    expect(after?.httpLog?.enabled).toBe(true);
    expect(await early.ask()).toBe("HTTP/1.1 200 OK");
    early.close();

    await curl(t, "/hello");
    await fetchKeepAlive(t);
    expect((await pipelined(t)).match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    expect(await chunkedUpload(t, ["one,", "two,", "three"])).toBe("one,two,three");
    await curl(t, "/gzip", ["--compressed"]);
    await curl(t, "/hello", ["-I"]);
    await curl(t, "/etag", ["-H", 'If-None-Match: "fixture-v1"']);
    const small = join(h.home, "small.txt");
    writeFileSync(small, "continue me");
    expect((await uploadFile(t, small)).bytes).toBe(11);
    expect(await websocketEcho(t, "hi")).toBe("hi");

    const expected = [
      ...Array(5).fill("GET /hello 200"),
      "GET /hello?n=1 200",
      "GET /hello?n=2 200",
      "GET /hello?n=3 200",
      "POST /echo 200",
      "GET /gzip 200",
      "HEAD /hello 200",
      "GET /etag 304",
      "POST /upload 200",
      "GET /ws 101",
    ].sort();
    const list = await loggedWhen(h, "fx", (l) => l.length >= expected.length);
    expect(list.map(key).sort()).toEqual(expected);
    // The raw requests before logging was on are not there: only connections accepted after.
    const byKey = (k: string) => list.filter((e) => key(e) === k);
    expect(byKey("POST /echo 200")[0]?.requestBytes).toBe(13);
    expect(byKey("GET /ws 101")[0]?.note).toMatch(/websocket/i);
    expect(byKey("HEAD /hello 200")[0]?.responseBytes).toBe(0);
    expect(byKey("GET /etag 304")[0]?.responseBytes).toBe(0);
    expect(new Set(list.map((e) => e.traceId)).size).toBe(list.length);

    const full = await logged(h, "fx", ["--bodies"]);
    const gz = full.find((e) => pathOf(e.url) === "/gzip");
    // Decoded for display (gzip) and pretty-printed, with a note line after it.
    expect(gz?.responseBody).toContain('"compressed": true');
    expect(full.find((e) => pathOf(e.url) === "/echo")?.requestBody).toBe("one,two,three");

    const details = await h.run(["status", "fx"]);
    expect(details.stdout).toMatch(
      new RegExp(`^http log +on, 14 exchanges, ${h.home}/http_logs/\\d+_${t.port}\\.http$`, "m"),
    );

    // REST Client: each request block parses back to what the entry says was sent.
    const blocks = restClientBlocks(h.home, full[0]?.configId as number);
    expect(blocks).toEqual(
      full.map((e) => ({
        method: e.method,
        url: `http://${(e.requestHeaders ?? []).find(([k]) => k.toLowerCase() === "host")?.[1]}${pathOf(e.url)}`,
        headers: e.requestHeaders,
        body: (e.requestBody ?? "").replace(/\n+$/, ""),
      })),
    );
    expect(blocks.find((b) => b.method === "POST" && b.url.endsWith("/echo"))?.body).toBe(
      "one,two,three",
    );

    const table = await h.run(["logs", "http", "fx", "--since", "10m"]);
    expect(table.stdout.split("\n")[0]).toMatch(
      /^TIME\s+METHOD\s+URL\s+STATUS\s+DURATION\s+SENT\s+RECEIVED\s+TRACE$/,
    );
    expect(table.stdout).toMatch(/\sGET\s+\S*\/etag\s+304\s+\d+ms\s/);
  });

  it("Authorization: Bearer s3cr3t never reaches a file under FERRY_HOME nor any output", {
    timeout: 60_000,
  }, async () => {
    const h = sim.home();
    await h.addFixture("fx-auth", ["--http-logs-enabled", "true"]);
    const t = await h.start("fx-auth");
    const r = await curl(t, "/hello", [
      "-H",
      "Authorization: Bearer s3cr3t",
      "-H",
      "X-Api-Key: k3y-s3cr3t",
    ]);
    expect(JSON.parse(r.stdout).hello).toBe("fixture");
    expect(sim.backend().requests.at(-1)?.headers.authorization).toBe("Bearer s3cr3t");
    const list = await loggedWhen(h, "fx-auth", (l) => l.length >= 1, ["--bodies"]);
    const headers = Object.fromEntries(
      (list[0]?.requestHeaders ?? []).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(headers.authorization).toBe("<redacted>");
    expect(headers["x-api-key"]).toBe("<redacted>");
    const outputs = [
      (await h.run(["logs", "http", "fx-auth", "--bodies"])).stdout,
      (await h.run(["logs", "http", "fx-auth", "--json", "--bodies"])).stdout,
      (await h.run(["logs", "http", "fx-auth", "--curl", list[0]?.traceId ?? ""])).stdout,
      (await h.run(["status", "fx-auth", "--json"])).stdout,
      (await h.run(["daemon", "logs"])).stdout,
    ];
    await h.run(["stop", "fx-auth"]);
    expect(outputs.join("\n")).not.toContain("s3cr3t");
    expect(filesContaining(h.home, "s3cr3t")).toEqual([]);
  });

  it("turned off and on again while running: only connections made while it is on are logged", {
    timeout: 90_000,
  }, async () => {
    const h = sim.home();
    await h.addFixture("fx-toggle", ["--http-logs-enabled", "true"]);
    const t = await h.start("fx-toggle");
    await curl(t, "/hello?phase=on-1");
    expect(
      (await h.run(["config", "edit", "fx-toggle", "--http-logs-enabled", "false"])).code,
    ).toBe(0);
    expect((await h.run(["status", "fx-toggle"])).stdout).toMatch(/^http log +off$/m);
    // The forward serves on while logging is off.
    expect(JSON.parse((await curl(t, "/hello?phase=off")).stdout).hello).toBe("fixture");
    expect((await h.run(["config", "edit", "fx-toggle", "--http-logs-enabled", "true"])).code).toBe(
      0,
    );
    await curl(t, "/hello?phase=on-2");
    const list = await loggedWhen(h, "fx-toggle", (l) => l.some((e) => e.url.includes("on-2")));
    expect(list.map((e) => pathOf(e.url))).toEqual(["/hello?phase=on-1", "/hello?phase=on-2"]);
    expect(
      sim
        .backend()
        .seen("GET", "/hello")
        .some((r) => r.headers.host?.length),
    ).toBe(true);
  });

  it("-f follows new exchanges; --curl prints a command curl runs; --replay is seen by the pod and logged", {
    timeout: 90_000,
  }, async () => {
    const h = sim.home();
    await h.addFixture("fx-live", ["--http-logs-enabled", "true"]);
    const t = await h.start("fx-live");
    const follower = follow(h, "fx-live");
    // The follower's subscription is up at some point after it starts: ask until it shows one.
    const deadline = Date.now() + 30_000;
    while (follower.lines.length === 0 && Date.now() < deadline) {
      await curl(t, "/hello?follow=1");
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(follower.lines.length).toBeGreaterThan(0);
    expect(JSON.parse(follower.lines[0] as string)).toMatchObject({ method: "GET", status: 200 });

    await chunkedUpload(t, ['{"replay":', "true}"]);
    const list = await loggedWhen(h, "fx-live", (l) => l.some((e) => e.method === "POST"));
    const post = list.find((e) => e.method === "POST") as LoggedExchange;

    const asCurl = await h.run(["logs", "http", "fx-live", "--curl", post.traceId]);
    expect(asCurl.code, asCurl.stderr).toBe(0);
    expect(asCurl.stdout).toMatch(/^curl /);
    const seenBefore = sim.backend().seen("POST", "/echo").length;
    const ran = await runCollect("sh", ["-c", asCurl.stdout.trim()], {});
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toBe('{"replay":true}');
    expect(sim.backend().seen("POST", "/echo")).toHaveLength(seenBefore + 1);

    const replay = await h.run(["logs", "http", "fx-live", "--replay", post.traceId]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(new RegExp(`^replayed ${post.traceId}: 200 in \\d+ms\\n$`));
    const posts = sim.backend().seen("POST", "/echo");
    expect(posts).toHaveLength(seenBefore + 2);
    expect(posts.at(-1)?.body).toBe('{"replay":true}');
    const after = await loggedWhen(
      h,
      "fx-live",
      (l) => l.filter((e) => e.method === "POST").length >= 3,
    );
    expect(after.filter((e) => e.method === "POST" && pathOf(e.url) === "/echo")).toHaveLength(3);

    const unknown = await h.run(["logs", "http", "fx-live", "--replay", "no-such-trace"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no-such-trace");
  });
});
