import { describe, expect, it } from "vitest";
import { exchangeCells } from "./exchangeCells.ts";

const summary = {
  traceId: "t1",
  configId: 1,
  requestAt: new Date(2026, 10, 29, 12, 3, 4).getTime(),
  responseAt: null,
  durationMs: 12.4,
  method: "GET",
  url: "http://127.0.0.1:8080/orders?id=7",
  status: 200,
  requestBytes: 100,
  responseBytes: 1948,
};

describe("exchangeCells: one exchange's row", () => {
  it("shows time, method, path with query, status, duration and both bodies' size", () => {
    expect(exchangeCells(summary)).toEqual({
      time: "12:03:04",
      method: "GET",
      path: "/orders?id=7",
      status: "200",
      duration: "12 ms",
      size: "2.0 KiB",
    });
  });

  it("says why there is no status (a websocket upgrade, a non-HTTP connection)", () => {
    const e = { ...summary, status: null, durationMs: null, note: "not HTTP/1 (TLS)" };
    expect(exchangeCells(e)).toMatchObject({ status: "not HTTP/1 (TLS)", duration: "" });
    expect(exchangeCells({ ...e, note: undefined })).toMatchObject({ status: "…" });
  });

  it("leaves the wire's text raw, for the caller's printable", () => {
    expect(exchangeCells({ ...summary, url: "/a\u001b[2Jb" }).path).toBe("/a%1B[2Jb");
    expect(exchangeCells({ ...summary, method: "G\u001bET" }).method).toBe("G\u001bET");
  });
});
