import { describe, expect, it } from "vitest";
import { HttpLogError } from "./httpLogError.ts";
import { replayRequest } from "./replayRequest.ts";
import type { HttpExchangeDetail } from "./types.ts";

const base: HttpExchangeDetail = {
  traceId: "t1",
  configId: 1,
  requestAt: 0,
  responseAt: 1,
  durationMs: 1,
  method: "POST",
  url: "/login?api_key=<redacted>&next=%2Fhome",
  status: 200,
  requestBytes: 30,
  responseBytes: 0,
  requestHeaders: [
    ["Host", "localhost:8080"],
    ["Authorization", "<redacted>"],
    ["Connection", "keep-alive"],
    ["Transfer-Encoding", "chunked"],
    ["Content-Type", "application/json"],
    ["X-Keep", "yes"],
  ],
  responseHeaders: [],
  requestBody: '{\n  "user": "ann",\n  "n": 1\n}',
  responseBody: "",
  httpVersion: "1.1",
  statusText: "OK",
};

describe("replayRequest", () => {
  it("keeps method, path and headers, leaving out redacted and hop-by-hop ones, and compacts JSON", () => {
    const r = replayRequest(base);
    expect(r.method).toBe("POST");
    expect(r.path).toBe("/login?next=%2Fhome");
    expect(r.headers).toEqual([
      ["Host", "localhost:8080"],
      ["Content-Type", "application/json"],
      ["X-Keep", "yes"],
      ["Content-Length", "20"],
    ]);
    expect(r.body.toString()).toBe('{"user":"ann","n":1}');
  });

  it.each([
    ["truncated", "abc\n# <truncated: kept 3 of 900 bytes>"],
    ["binary", "# <binary body: 12 bytes, image/png>"],
    ["redacted", '{\n  "password": "<redacted>"\n}\n# <1 value redacted>'],
  ])("refuses a %s body", (_, requestBody) => {
    let err: unknown;
    try {
      replayRequest({ ...base, requestBody });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HttpLogError);
    expect((err as HttpLogError).code).toBe("HTTP_LOG_REPLAY_INCOMPLETE");
  });

  it("sends a body shown decoded as it is shown", () => {
    const r = replayRequest({
      ...base,
      requestHeaders: [["Content-Type", "text/plain"]],
      requestBody: "plain text\n# <gzip decoded for display>",
    });
    expect([r.body.toString(), r.headers]).toEqual([
      "plain text",
      [
        ["Content-Type", "text/plain"],
        ["Content-Length", "10"],
      ],
    ]);
  });
});
