import { connect as tcpConnect } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { forward, run } from "./harness.ts";
import { startRawUpstream, startUpstream } from "./upstream.ts";

let upstream: Awaited<ReturnType<typeof startUpstream>>;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(() => upstream.close());

/** Sends bytes on one raw socket and collects everything until the server closes. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tcpConnect(port, "127.0.0.1");
    let got = "";
    s.on("data", (c) => {
      got += c.toString("latin1");
    });
    s.on("end", () => resolve(got));
    s.on("error", reject);
    s.write(bytes);
  });
}

describe("real clients through a tapped relay", () => {
  it("curl on one keep-alive connection: two requests, two entries, paired", async () => {
    const f = await forward(upstream.port);
    const r = await run("curl", ["-sS", `${f.base}/hello?n=1`, `${f.base}/hello?n=2`]);
    expect(r.stdout.toString()).toBe(
      '{"hello":"world","query":"?n=1"}{"hello":"world","query":"?n=2"}',
    );
    expect(r.stderr).toBe("");
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.url, e.status, e.responseBody])).toEqual([
      ["GET", "/hello?n=1", 200, '{\n  "hello": "world",\n  "query": "?n=1"\n}'],
      ["GET", "/hello?n=2", 200, '{\n  "hello": "world",\n  "query": "?n=2"\n}'],
    ]);
    f.cleanup();
  });

  it("Node fetch with keep-alive: three sequential requests are three entries", async () => {
    const f = await forward(upstream.port);
    for (const n of [1, 2, 3]) {
      const res = await fetch(`${f.base}/echo`, {
        method: "POST",
        body: `{"n":${n}}`,
        headers: { "content-type": "application/json" },
      });
      expect(await res.text()).toBe(`{"n":${n}}`);
    }
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.status, e.requestBody, e.responseBody])).toEqual(
      [1, 2, 3].map((n) => ["POST", 200, `{\n  "n": ${n}\n}`, `{\n  "n": ${n}\n}`]),
    );
    expect(f.seen).toHaveLength(3);
  });

  it("3 pipelined requests on a raw socket pair in order", async () => {
    const f = await forward(upstream.port);
    const got = await rawExchange(
      f.relay.port,
      "GET /hello?p=1 HTTP/1.1\r\nHost: a\r\n\r\n" +
        "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nsecond" +
        "GET /hello?p=3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    );
    expect(got.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.url, e.status, e.responseBody])).toEqual([
      ["GET", "/hello?p=1", 200, '{\n  "hello": "world",\n  "query": "?p=1"\n}'],
      ["POST", "/echo", 200, "second"],
      ["GET", "/hello?p=3", 200, '{\n  "hello": "world",\n  "query": "?p=3"\n}'],
    ]);
  });

  it("a chunked upload is one entry with its body joined", async () => {
    const f = await forward(upstream.port);
    const body = "line one\nline two\n".repeat(200);
    const r = await run(
      "curl",
      [
        "-sS",
        "-H",
        "Transfer-Encoding: chunked",
        "-H",
        "Content-Type: text/plain",
        "--data-binary",
        "@-",
        `${f.base}/echo`,
      ],
      body,
    );
    expect(r.stdout.toString()).toBe(body);
    const entries = await f.finish();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.requestHeaders).toContainEqual(["Transfer-Encoding", "chunked"]);
    expect([entries[0]!.requestBytes, entries[0]!.requestBody]).toEqual([
      body.length,
      body.replace(/\n$/, ""),
    ]);
  });

  it("a gzip response is decoded and pretty-printed in the entry", async () => {
    const f = await forward(upstream.port);
    const r = await run("curl", ["-sS", "--compressed", `${f.base}/gzip`]);
    expect(JSON.parse(r.stdout.toString())).toEqual({ compressed: true, items: [1, 2, 3] });
    const [e] = await f.finish();
    expect(e!.responseHeaders).toContainEqual(["Content-Encoding", "gzip"]);
    expect(e!.responseBody).toBe(
      `${JSON.stringify({ compressed: true, items: [1, 2, 3] }, null, 2)}\n<gzip decoded for display>`,
    );
  });

  it("HEAD and then GET on one connection: no body read after HEAD", async () => {
    const f = await forward(upstream.port);
    const r = await run("curl", [
      "-sS",
      "-o",
      "/dev/null",
      "-I",
      `${f.base}/big`,
      "--next",
      "-sS",
      "-o",
      "/dev/null",
      `${f.base}/etag`,
    ]);
    expect(r.code).toBe(0);
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.url, e.status, e.responseBytes, e.note])).toEqual([
      ["HEAD", "/big", 200, 0, undefined],
      ["GET", "/etag", 200, 5, undefined],
    ]);
  });

  it("304 Not Modified has no body, and the next request still pairs", async () => {
    const f = await forward(upstream.port);
    const r = await run("curl", [
      "-sS",
      "-o",
      "/dev/null",
      "-w",
      "%{http_code} ",
      "-H",
      'If-None-Match: "v1"',
      `${f.base}/etag`,
      "-o",
      "/dev/null",
      `${f.base}/hello`,
    ]);
    expect(r.stdout.toString()).toBe("304 200 ");
    const entries = await f.finish();
    expect(entries.map((e) => [e.url, e.status, e.responseBytes])).toEqual([
      ["/etag", 304, 0],
      ["/hello", 200, 28],
    ]);
  });

  it("curl with Expect: 100-continue: the interim 100 is noted, the 200 is the response", async () => {
    const f = await forward(upstream.port);
    const body = "x".repeat(200_000);
    const r = await run(
      "curl",
      [
        "-sS",
        "-H",
        "Expect: 100-continue",
        "-H",
        "Content-Type: text/plain",
        "--data-binary",
        "@-",
        `${f.base}/upload`,
      ],
      body,
    );
    expect(JSON.parse(r.stdout.toString()).size).toBe(body.length);
    const entries = await f.finish();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 200, requestBytes: 200_000 });
    expect(entries[0]!.requestHeaders).toContainEqual(["Expect", "100-continue"]);
    const text = await import("node:fs").then((fs) =>
      fs.readFileSync(`${f.home}/http_logs/11_18080.http`, "utf8"),
    );
    expect(text).toContain("# Interim: 100 Continue");
  });

  it("a response that ends when the server closes is one whole entry", async () => {
    const raw = await startRawUpstream(
      () =>
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nuntil the very end",
    );
    const f = await forward(raw.port);
    const r = await run("curl", ["-sS", `${f.base}/stream`]);
    expect(r.stdout.toString()).toBe("until the very end");
    const entries = await f.finish();
    expect(entries.map((e) => [e.url, e.status, e.responseBody, e.note])).toEqual([
      ["/stream", 200, "until the very end", undefined],
    ]);
    await raw.close();
  });

  it("a response the parser cannot read stops the tap for that connection only", async () => {
    let n = 0;
    const raw = await startRawUpstream(() =>
      n++ === 0
        ? "HTTP/1.1 2OO Fine\r\n\r\nwhatever"
        : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    );
    const f = await forward(raw.port);
    const bad = await rawExchange(f.relay.port, "GET /bad HTTP/1.1\r\nHost: a\r\n\r\n");
    expect(bad).toBe("HTTP/1.1 2OO Fine\r\n\r\nwhatever"); // the bytes pass untouched
    const good = await run("curl", ["-sS", `${f.base}/good`]);
    expect(good.stdout.toString()).toBe("ok");
    const entries = await f.finish();
    expect(entries.map((e) => [e.url, e.status])).toEqual([
      ["/bad", null],
      ["/good", 200],
    ]);
    expect(entries[0]!.note).toMatch(/^parse error in the response stream .*HPE_INVALID_CONSTANT/);
    expect(f.problems.map((p) => p.code)).toEqual(["HTTP_LOG_PARSE_STOPPED"]);
    await raw.close();
  });

  it("a websocket: the handshake is logged once, the frames are not", async () => {
    const f = await forward(upstream.port);
    const ws = new WebSocket(`ws://127.0.0.1:${f.relay.port}/socket`);
    await new Promise((resolve, reject) => {
      ws.on("open", resolve);
      ws.on("error", reject);
    });
    const echoes: string[] = [];
    for (const m of ["one", "two", "GET / HTTP/1.1\r\n\r\n"]) {
      ws.send(m);
      echoes.push(
        await new Promise<string>((resolve) => ws.once("message", (d) => resolve(d.toString()))),
      );
    }
    expect(echoes).toEqual(["one", "two", "GET / HTTP/1.1\r\n\r\n"]);
    ws.close();
    await new Promise((resolve) => ws.on("close", resolve));
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.url, e.status, e.note])).toEqual([
      ["GET", "/socket", 101, "websocket upgrade; the log stops for this connection"],
    ]);
    expect(entries[0]!.requestHeaders.find(([k]) => k === "Sec-WebSocket-Key")?.[1]).toMatch(/==$/);
  });

  it("redis-cli through the relay: one note, the bytes pass", async () => {
    const redis = await startRawUpstream((first) =>
      first.toString().includes("PING") ? "+PONG\r\n" : "-ERR\r\n",
    );
    const f = await forward(redis.port);
    const r = await run("redis-cli", ["-h", "127.0.0.1", "-p", String(f.relay.port), "PING"]);
    expect(r.stdout.toString().trim()).toBe("PONG");
    const entries = await f.finish();
    expect(entries.map((e) => [e.method, e.status, e.note])).toEqual([
      ["", null, "not HTTP/1 (Redis RESP)"],
    ]);
    await redis.close();
  });

  it("curl --http2-prior-knowledge: one note", async () => {
    const f = await forward(upstream.port);
    await run("curl", ["-sS", "--max-time", "5", "--http2-prior-knowledge", `${f.base}/hello`]);
    const entries = await f.finish();
    expect(entries.map((e) => e.note)).toEqual(["not HTTP/1 (HTTP/2 prior knowledge)"]);
  });

  it("a TLS ClientHello from node:tls: one note", async () => {
    const f = await forward(upstream.port);
    await new Promise<void>((resolve) => {
      const s = tlsConnect({ port: f.relay.port, host: "127.0.0.1", servername: "localhost" });
      s.on("error", () => resolve()); // the upstream speaks plain HTTP: the handshake fails
      s.on("close", () => resolve());
    });
    const entries = await f.finish();
    expect(entries.map((e) => e.note)).toEqual(["not HTTP/1 (TLS handshake)"]);
  });
});
