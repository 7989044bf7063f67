import { describe, expect, it } from "vitest";
import { parseImportText } from "./parseImportText.ts";

describe("parseImportText", () => {
  it("reads an array with line and block comments and trailing commas", () => {
    const text = '[\n  // first\n  { "alias": "a" /* inline */ },\n]';
    expect(parseImportText(text)).toEqual([{ alias: "a" }]);
  });

  it("wraps a single object in a list", () => {
    expect(parseImportText('{ "alias": "a" }')).toEqual([{ alias: "a" }]);
  });

  it("gives the line and column of malformed JSON", () => {
    expect(() => parseImportText('[\n  { "alias": "a" }\n  { "alias": "b" }\n]')).toThrow(
      "malformed JSON at line 3, column 3: expected ','",
    );
  });

  it("refuses an empty document and a bare value", () => {
    expect(() => parseImportText("  // nothing\n")).toThrow(/empty/);
    expect(() => parseImportText("42")).toThrow(/top level/);
  });
});
