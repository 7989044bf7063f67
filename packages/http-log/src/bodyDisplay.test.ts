import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { displayBody } from "./bodyDisplay.ts";

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
