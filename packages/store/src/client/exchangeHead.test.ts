import { describe, expect, it } from "vitest";
import { exchangeHead } from "./exchangeHead.ts";

const exchange = {
  method: "POST",
  url: "/orders?id=7",
  httpVersion: "1.1",
  status: 201 as number | null,
  statusText: "Created" as string | null,
  requestHeaders: [
    ["host", "shop"],
    ["content-type", "application/json"],
  ] as [string, string][],
  responseHeaders: [["content-length", "2"]] as [string, string][],
};

describe("an exchange's head", () => {
  it("gives the request line, the status line and the headers as name: value", () => {
    expect(exchangeHead(exchange)).toEqual({
      requestLine: "POST /orders?id=7 HTTP/1.1",
      requestHeaders: ["host: shop", "content-type: application/json"],
      statusLine: "HTTP/1.1 201 Created",
      responseHeaders: ["content-length: 2"],
    });
  });

  it("keeps a version that already says HTTP/, and says when no response came", () => {
    const head = exchangeHead({
      ...exchange,
      httpVersion: "HTTP/2",
      status: null,
      statusText: null,
    });
    expect(head.requestLine).toBe("POST /orders?id=7 HTTP/2");
    expect(head.statusLine).toBe("HTTP/2 (no response)");
  });
});
