import { describe, expect, it } from "vitest";
import { parseHttpFile } from "./parseHttpFile.ts";

describe("parseHttpFile (REST Client format)", () => {
  it("reads requests separated by ###, skipping comments anywhere", () => {
    const text = [
      "# a comment",
      "// another",
      "POST https://example.com/comments HTTP/1.1",
      "Content-Type: application/json",
      "# a comment among headers",
      "",
      '{"a": 1}',
      "# HTTP/1.1 200 OK (a commented response)",
      "",
      "### second",
      "",
      "https://example.com/only-url",
      "",
      "####",
      "GET /relative HTTP/1.1",
      "Host: localhost:8443",
    ].join("\n");
    expect(parseHttpFile(text)).toEqual([
      {
        method: "POST",
        url: "https://example.com/comments",
        headers: [["Content-Type", "application/json"]],
        body: '{"a": 1}',
        line: 3,
      },
      { method: "GET", url: "https://example.com/only-url", headers: [], body: "", line: 12 },
      {
        method: "GET",
        url: "https://localhost:8443/relative",
        headers: [["Host", "localhost:8443"]],
        body: "",
        line: 15,
      },
    ]);
  });

  it("joins query lines that continue the URL and keeps blank lines inside a body", () => {
    const text =
      "GET https://example.com/comments\n    ?page=2\n    &pageSize=10\n\n###\nPUT http://h/x\nA: b\n\nline 1\n\nline 3\n\n\n";
    expect(parseHttpFile(text)).toEqual([
      {
        method: "GET",
        url: "https://example.com/comments?page=2&pageSize=10",
        headers: [],
        body: "",
        line: 1,
      },
      {
        method: "PUT",
        url: "http://h/x",
        headers: [["A", "b"]],
        body: "line 1\n\nline 3",
        line: 6,
      },
    ]);
  });

  it("finds no request in a block of comments, or one that starts with a response", () => {
    expect(parseHttpFile("###\n# Note: not HTTP/1\n###\nHTTP/1.1 200 OK\nA: b\n")).toEqual([]);
  });
});
