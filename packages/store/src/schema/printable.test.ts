import { describe, expect, it } from "vitest";
import { hasControlCharacters, printable } from "./printable.ts";

describe("printable", () => {
  it("escapes C0, DEL and C1 controls so a terminal shows them instead of obeying them", () => {
    expect(printable("web\x1b[31mred\x07")).toBe("web\\x1b[31mred\\x07");
    expect(printable("a\nb\tc\x7f\x9b")).toBe("a\\x0ab\\x09c\\x7f\\x9b");
  });

  it("escapes bidi overrides, isolates and marks", () => {
    expect(printable("evil\u202etxt.exe")).toBe("evil\\u202etxt.exe");
    expect(printable("\u2066x\u2069\u200f")).toBe("\\u2066x\\u2069\\u200f");
  });

  it("leaves ordinary text, including non-Latin letters and emoji, alone", () => {
    expect(printable("café-数据-🚀 svc/web:80")).toBe("café-数据-🚀 svc/web:80");
    expect(hasControlCharacters("café")).toBe(false);
    expect(hasControlCharacters("a\u202eb")).toBe(true);
  });
});
