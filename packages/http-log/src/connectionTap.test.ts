import { describe, expect, it } from "vitest";
import type { CapturedExchange } from "./capturedExchange.ts";
import { excerpt, HttpConnectionTap } from "./connectionTap.ts";
import type { HttpLogProblem } from "./types.ts";

function harness(cap = 1024) {
  const done: CapturedExchange[] = [];
  const problems: HttpLogProblem[] = [];
  const tap = new HttpConnectionTap(
    {
      live: true,
      bodyCap: () => cap,
      complete: (e) => done.push(e),
      problem: (p) => problems.push(p),
    },
    40000,
  );
  const c = (s: string | Buffer) => tap.fromClient(typeof s === "string" ? Buffer.from(s) : s);
  const s = (x: string | Buffer) => tap.fromServer(typeof x === "string" ? Buffer.from(x) : x);
  return { tap, done, problems, c, s };
}

const body = (m: CapturedExchange["request"]) => m?.body.bytes().toString() ?? null;

describe("pairing requests with responses", () => {
  it("pairs keep-alive requests one after another", () => {
    const h = harness();
    h.c("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    h.s("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nA");
    h.c("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    h.s("HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nB");
    expect(h.done.map((e) => [e.target, e.status, body(e.response)])).toEqual([
      ["/a", 200, "A"],
      ["/b", 404, "B"],
    ]);
  });

  it("pairs 3 pipelined requests in order when all arrive in one chunk", () => {
    const h = harness();
    h.c(
      "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\ntwoGET /3 HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    expect(h.done).toHaveLength(0);
    h.s(
      "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none" +
        "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n" +
        "HTTP/1.1 202 Accepted\r\nContent-Length: 5\r\n\r\nthree",
    );
    expect(
      h.done.map((e) => [e.method, e.target, e.status, body(e.request), body(e.response)]),
    ).toEqual([
      ["GET", "/1", 200, "", "one"],
      ["POST", "/2", 201, "two", "two"],
      ["GET", "/3", 202, "", "three"],
    ]);
  });

  it("makes one exchange of a request and a response fed one byte at a time", () => {
    const h = harness();
    const req = "PUT /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789";
    const res = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone";
    for (const ch of req) h.c(ch);
    for (const ch of res) h.s(ch);
    expect(h.done).toHaveLength(1);
    expect([body(h.done[0]!.request), body(h.done[0]!.response)]).toEqual(["0123456789", "done"]);
  });

  it("joins a chunked upload and keeps its trailers", () => {
    const h = harness();
    h.c("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    h.c("6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n");
    h.s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const e = h.done[0]!;
    expect(body(e.request)).toBe("hello world");
    expect(e.request!.trailers).toEqual([["X-Sum", "42"]]);
    expect(e.request!.body.total).toBe(11);
  });

  it("reads no body after a response to HEAD, so the next response pairs right", () => {
    const h = harness();
    h.c("HEAD /big HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    h.s(
      "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
    );
    expect(h.done.map((e) => [e.method, e.status, e.response!.body.total])).toEqual([
      ["HEAD", 200, 0],
      ["GET", 200, 2],
    ]);
  });

  it("reads no body after 204 or 304, even with a Content-Length", () => {
    const h = harness();
    h.c(
      'DELETE /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nIf-None-Match: "e"\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n\r\n',
    );
    h.s(
      'HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\nETag: "e"\r\n\r\n',
    );
    h.s("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nc");
    expect(h.done.map((e) => [e.target, e.status, body(e.response)])).toEqual([
      ["/a", 204, ""],
      ["/b", 304, ""],
      ["/c", 200, "c"],
    ]);
  });

  it("takes an interim 100 Continue as interim, not as the response", () => {
    const h = harness();
    h.c("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    h.s("HTTP/1.1 100 Continue\r\n\r\n");
    expect(h.done).toHaveLength(0);
    h.c("data");
    h.s("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
    expect(h.done).toHaveLength(1);
    expect([h.done[0]!.interim, h.done[0]!.status, body(h.done[0]!.request)]).toEqual([
      ["100 Continue"],
      201,
      "data",
    ]);
  });

  it("ends a response without a length at connection close", () => {
    const h = harness();
    h.c("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
    h.s("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npart one ");
    h.s("part two");
    expect(h.done).toHaveLength(0);
    h.tap.end();
    expect(h.done).toHaveLength(1);
    expect([h.done[0]!.status, body(h.done[0]!.response), h.done[0]!.note]).toEqual([
      200,
      "part one part two",
      undefined,
    ]);
  });

  it("waits for the rest of an upload answered early, then writes one exchange", () => {
    const h = harness();
    h.c("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc");
    h.s("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n");
    expect(h.done).toHaveLength(0);
    h.c("def");
    expect(h.done.map((e) => [e.status, body(e.request)])).toEqual([[413, "abcdef"]]);
  });

  it("writes a request that got no response when the connection closes", () => {
    const h = harness();
    h.c("GET /lost HTTP/1.1\r\nHost: x\r\n\r\n");
    h.tap.end();
    expect(h.done.map((e) => [e.target, e.status, e.note])).toEqual([
      ["/lost", null, "no response: the connection closed"],
    ]);
  });
});

describe("protocol switches and other protocols", () => {
  it("logs a websocket handshake, then stops parsing the connection", () => {
    const h = harness();
    h.c(
      "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    );
    h.s(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x02hi",
    );
    h.c(Buffer.from([0x81, 0x82, 1, 2, 3, 4, 0x69, 0x6b]));
    h.s("HTTP/1.1 200 not really\r\n\r\n");
    h.tap.end();
    expect(h.done.map((e) => [e.target, e.status, e.note])).toEqual([
      ["/ws", 101, "websocket upgrade; the log stops for this connection"],
    ]);
    expect(h.problems).toEqual([]);
  });

  it("goes on parsing when the server refuses an upgrade", () => {
    const h = harness();
    h.c("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    h.s("HTTP/1.1 426 Upgrade Required\r\nContent-Length: 0\r\n\r\n");
    h.c("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
    h.s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    expect(h.done.map((e) => [e.target, e.status])).toEqual([
      ["/ws", 426],
      ["/plain", 200],
    ]);
  });

  it.each([
    ["TLS handshake", Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc])],
    ["HTTP/2 prior knowledge", Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")],
    ["Redis RESP", Buffer.from("*1\r\n$4\r\nPING\r\n")],
    ["PostgreSQL", Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f])],
    ["unknown protocol", Buffer.from("hello there\n")],
  ])("steps aside for %s after one note", (what, first) => {
    const h = harness();
    h.c(first);
    h.s("HTTP/1.1 200 OK\r\n\r\n");
    h.c("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    h.tap.end();
    expect(h.done).toHaveLength(1);
    expect(h.done[0]!.note).toContain(`not HTTP/1 (${what}`);
    expect(h.done[0]!.request).toBeNull();
  });

  it("decides on a method split over chunks", () => {
    const h = harness();
    h.c("PR");
    h.c("I * HTTP/2.0\r\n");
    expect(h.done[0]?.note).toBe("not HTTP/1 (HTTP/2 prior knowledge)");
    const g = harness();
    g.c("G");
    g.c("ET / HTTP/1.1\r\nHost: x\r\n\r\n");
    g.s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    expect(g.done.map((e) => [e.method, e.status])).toEqual([["GET", 200]]);
  });

  it("steps aside when the server speaks first", () => {
    const h = harness();
    h.s("SSH-2.0-OpenSSH_9.2\r\n");
    h.c("SSH-2.0-client\r\n");
    expect(h.done.map((e) => e.note)).toEqual(["not HTTP/1 (SSH (server spoke first))"]);
  });
});

describe("parse errors and bounds", () => {
  it("writes what it saw and stops the tap for that connection on a parse error", () => {
    const h = harness();
    h.c("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    h.s("HTTP/1.1 2OO Fine\r\n\r\n");
    h.c("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    h.s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    expect(h.done.map((e) => [e.target, e.status])).toEqual([["/a", null]]);
    expect(h.done[0]!.note).toMatch(
      /^parse error in the response stream after 0 bytes \(HPE_INVALID_CONSTANT\), in a chunk starting "HTTP\/1.1 2OO Fine"/,
    );
    expect(h.problems.map((p) => p.code)).toEqual(["HTTP_LOG_PARSE_STOPPED"]);
  });

  it("keeps at most the cap of a body, counts the rest, and copies what it keeps", () => {
    const h = harness(8);
    const chunk = Buffer.from(
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\nABCDEFGHIJ",
    );
    h.c(chunk);
    chunk.fill(0x7a); // the splice may reuse its buffer
    h.c("KLMNOPQRST");
    h.s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    const e = h.done[0]!;
    expect([body(e.request), e.request!.body.total, e.request!.body.truncated]).toEqual([
      "ABCDEFGH",
      20,
      true,
    ]);
  });

  it("never throws into the forward when its sink fails", () => {
    const tap = new HttpConnectionTap(
      {
        live: true,
        bodyCap: () => 10,
        complete: () => {
          throw new Error("boom");
        },
        problem: () => {},
      },
      1,
    );
    tap.fromClient(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    expect(() =>
      tap.fromServer(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")),
    ).not.toThrow();
    expect(() => tap.fromClient(Buffer.from("GET / HTTP/1.1\r\n\r\n"))).not.toThrow();
    expect(() => tap.end()).not.toThrow();
  });
});

describe("excerpt", () => {
  it("shows the first line of what failed, never a header value or a query", () => {
    expect(excerpt(Buffer.from("Authorization: Bearer s3cr3t\r\n"))).toBe('"Authorization:…"');
    expect(excerpt(Buffer.from("GET /cb?token=s3cr3t HTTP/1.1\r\n"))).toBe('"GET /cb?…"');
    expect(excerpt(Buffer.from([0x16, 0x03, 0x01, 0x41]))).toBe('"\\\\x16\\\\x03\\\\x01A"');
  });
});

describe("a closed logger", () => {
  it("makes its open taps step aside: later bytes are not parsed at all", () => {
    const h = harness();
    const sink = (h.tap as unknown as { sink: { live: boolean } }).sink;
    h.c("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    sink.live = false;
    h.s("not an HTTP response at all\r\n\r\n");
    h.tap.end();
    expect([h.done.length, h.problems.length]).toEqual([0, 0]);
  });
});

describe("chunk boundaries", () => {
  const client =
    "POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello" +
    "HEAD /b HTTP/1.1\r\nHost: x\r\n\r\n" +
    "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\nX-T: 1\r\n\r\n" +
    'GET /d HTTP/1.1\r\nHost: x\r\nIf-None-Match: "e"\r\n\r\n' +
    "GET /e HTTP/1.1\r\nHost: x\r\n\r\n";
  const server =
    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok" +
    "HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n" +
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n" +
    "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n" +
    "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end";
  const expected = [
    ["POST", "/a", 201, "hello", "ok"],
    ["HEAD", "/b", 200, "", ""],
    ["PUT", "/c", 200, "abcdefg", "hi"],
    ["GET", "/d", 304, "", ""],
    ["GET", "/e", 200, "", "to the end"],
  ];

  /** A small seeded generator, so a failure can be replayed. */
  function rng(seed: number) {
    let s = seed;
    return (n: number) => {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      return s % n;
    };
  }

  function pieces(text: string, next: (n: number) => number): Buffer[] {
    const bytes = Buffer.from(text);
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; ) {
      const n = 1 + next(40);
      out.push(bytes.subarray(i, i + n));
      i += n;
    }
    return out;
  }

  it("gives the same five exchanges however the bytes are cut and interleaved (200 seeds)", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = rng(seed);
      const h = harness();
      const c = pieces(client, next);
      const s = pieces(server, next);
      // causal order, as on a real connection: response k only after request k was sent
      const reqEnds = [
        ...["HEAD /b", "PUT /c", "GET /d", "GET /e"].map((r) => client.indexOf(r)),
        client.length,
      ];
      const resStarts = [
        0,
        ...["999", "Transfer", "304", "Connection"].map((m) =>
          server.lastIndexOf("HTTP/1.1", server.indexOf(m)),
        ),
      ];
      let ci = 0;
      let si = 0;
      let sent = 0;
      let answered = 0;
      const allowed = (end: number) =>
        resStarts.every((start, k) => start >= end || sent >= reqEnds[k]!);
      while (ci < c.length || si < s.length) {
        const serverMay = si < s.length && allowed(answered + s[si]!.length);
        if (ci < c.length && (!serverMay || next(2) === 0)) {
          sent += c[ci]!.length;
          h.c(c[ci++]!);
        } else {
          answered += s[si]!.length;
          h.s(s[si++]!);
        }
      }
      h.tap.end();
      const got = h.done.map((e) => [
        e.method,
        e.target,
        e.status,
        body(e.request),
        body(e.response),
      ]);
      expect({ seed, got }).toEqual({ seed, got: expected });
    }
  });
});
