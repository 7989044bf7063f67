import type { HttpExchangeDetail } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import { exchangeFull, exchangeJson, exchangesTable } from "./httpLogText.ts";

const e: HttpExchangeDetail = {
  traceId: "t-1",
  configId: 3,
  requestAt: Date.UTC(2026, 0, 1, 12, 0, 1, 250),
  responseAt: Date.UTC(2026, 0, 1, 12, 0, 1, 262),
  durationMs: 12,
  method: "POST",
  url: "/echo",
  status: 200,
  requestBytes: 5,
  responseBytes: 2048,
  requestHeaders: [["authorization", "<redacted>"]],
  responseHeaders: [["content-type", "text/plain"]],
  requestBody: "hello",
  responseBody: "hello",
  httpVersion: "1.1",
  statusText: "OK",
};

describe("HTTP log output", () => {
  it("lists exchanges as a table with notes under it", () => {
    const text = exchangesTable([
      e,
      { ...e, traceId: "t-2", status: null, durationMs: null, note: "websocket upgrade" },
    ]);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      "TIME",
      "METHOD",
      "URL",
      "STATUS",
      "DURATION",
      "SENT",
      "RECEIVED",
      "TRACE",
    ]);
    expect(lines[1]?.split(/\s{2,}/)).toEqual([
      "12:00:01.250",
      "POST",
      "/echo",
      "200",
      "12ms",
      "5 B",
      "2.0 KiB",
      "t-1",
    ]);
    expect(lines[2]).toMatch(/POST\s+\/echo\s+-\s+-/);
    expect(lines[3]).toBe("note: t-2: websocket upgrade");
    expect(exchangesTable([])).toBe("no HTTP exchanges logged\n");
  });
  it("gives bodies in JSON only when asked", () => {
    const plain = JSON.parse(exchangeJson(e, false));
    expect(plain).toMatchObject({
      traceId: "t-1",
      method: "POST",
      status: 200,
      durationMs: 12,
      responseBytes: 2048,
    });
    expect(plain.requestBody).toBeUndefined();
    expect(JSON.parse(exchangeJson(e, true)).requestBody).toBe("hello");
  });
  it("prints one exchange in full", () => {
    expect(exchangeFull(e)).toContain(
      "POST /echo HTTP/1.1\nauthorization: <redacted>\n\nhello\n\nHTTP/1.1 200 OK\ncontent-type: text/plain\n\nhello\n",
    );
  });
});
