import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { displayBody } from "./bodyDisplay.ts";
import { nameMatcher } from "./redact.ts";
import { defaultHttpLogSettings } from "./settings.ts";

const whole = (bytes: Buffer) => ({ bytes, total: bytes.length, truncated: false });
const json = Buffer.from('{"user":{"id":7,"tags":["a","b"]}}');
const pretty = JSON.stringify(JSON.parse(json.toString()), null, 2);

describe("displayBody", () => {
  it("pretty-prints a JSON body", () => {
    expect(
      displayBody(whole(json), [["Content-Type", "application/json; charset=utf-8"]], 1024),
    ).toEqual({
      text: pretty,
      notes: [],
    });
  });

  it.each([
    ["gzip", gzipSync(json)],
    ["br", brotliCompressSync(json)],
    ["deflate", deflateSync(json)],
  ])("decodes %s for display", (coding, bytes) => {
    const d = displayBody(
      whole(bytes),
      [
        ["Content-Type", "application/json"],
        ["Content-Encoding", coding],
      ],
      1024,
    );
    expect(d).toEqual({ text: pretty, notes: [`${coding} decoded for display`] });
  });

  it("decodes the kept start of a capped gzip body", () => {
    const text = "line of text\n".repeat(5000);
    const gz = gzipSync(text);
    const d = displayBody(
      { bytes: gz.subarray(0, 100), total: gz.length, truncated: true },
      [
        ["Content-Encoding", "gzip"],
        ["Content-Type", "text/plain"],
      ],
      64,
    );
    expect(d.text).toBe("line of text\n".repeat(5).slice(0, 64).replace(/\n+$/, ""));
    expect(d.notes).toEqual([
      "gzip decoded for display",
      "decoded body cut to the first 64 bytes",
      `truncated: kept 100 of ${gz.length} bytes`,
    ]);
  });

  it("names a binary body by size and type", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(displayBody(whole(png), [["Content-Type", "image/png"]], 1024)).toEqual({
      text: null,
      notes: ["binary body: 12 bytes, image/png"],
    });
  });

  it("says when a body was capped and leaves capped JSON as sent", () => {
    const d = displayBody(
      { bytes: json.subarray(0, 10), total: json.length, truncated: true },
      [["Content-Type", "application/json"]],
      10,
    );
    expect(d).toEqual({
      text: '{"user":{"',
      notes: [`truncated: kept 10 of ${json.length} bytes`],
    });
  });

  it("uses LF line ends and drops trailing newlines", () => {
    expect(
      displayBody(whole(Buffer.from("a\r\nb\r\n\r\n")), [["Content-Type", "text/plain"]], 1024)
        .text,
    ).toBe("a\nb");
  });

  it("says so when a body does not decode", () => {
    const d = displayBody(
      whole(Buffer.from("not gzip at all")),
      [["Content-Encoding", "gzip"]],
      1024,
    );
    expect(d.text).toBeNull();
    expect(d.notes[0]).toMatch(/^gzip body: 15 bytes, no content-type, not decoded/);
  });
});

describe("displayBody with redaction", () => {
  const m = nameMatcher(defaultHttpLogSettings.redactHeaders);

  it("redacts the values of matching JSON keys at any depth", () => {
    const token = Buffer.from(
      '{"access_token":"s3cr3t","expires_in":3600,"user":{"name":"ann","api_key":{"k":"s3cr3t"}},"list":[{"client_secret":"s3cr3t"}]}',
    );
    const d = displayBody(whole(token), [["Content-Type", "application/json"]], 1024, m);
    expect(d.text).not.toContain("s3cr3t");
    expect(JSON.parse(d.text!)).toEqual({
      access_token: "<redacted>",
      expires_in: 3600,
      user: { name: "ann", api_key: "<redacted>" },
      list: [{ client_secret: "<redacted>" }],
    });
    expect(d.notes).toEqual(["3 values redacted"]);
  });

  it("redacts matching fields of a form body", () => {
    const form = Buffer.from("grant_type=client_credentials&client_id=app&client_secret=s3cr3t");
    const d = displayBody(
      whole(form),
      [["Content-Type", "application/x-www-form-urlencoded"]],
      1024,
      m,
    );
    expect(d).toEqual({
      text: "grant_type=client_credentials&client_id=app&client_secret=<redacted>",
      notes: ["1 value redacted"],
    });
  });

  it("leaves bodies alone when redaction is off", () => {
    const token = Buffer.from('{"access_token":"s3cr3t"}');
    expect(
      displayBody(whole(token), [["Content-Type", "application/json"]], 1024, null).text,
    ).toContain("s3cr3t");
  });
});
