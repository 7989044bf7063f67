import { describe, expect, it } from "vitest";
import { openerCommand, osc52 } from "./openUrl.ts";

describe("opening and copying", () => {
  it("opens with $BROWSER when set, else the platform's opener", () => {
    const url = "http://127.0.0.1:8080/";
    expect(openerCommand(url, { BROWSER: "/usr/bin/firefox" }, "linux")).toEqual([
      "/usr/bin/firefox",
      [url],
    ]);
    expect(openerCommand(url, {}, "linux")).toEqual(["xdg-open", [url]]);
    expect(openerCommand(url, {}, "darwin")).toEqual(["open", [url]]);
  });

  it("copies through OSC 52, base64 of the text", () => {
    expect(osc52("127.0.0.1:8080")).toBe("\u001b]52;c;MTI3LjAuMC4xOjgwODA=\u0007");
  });
});
