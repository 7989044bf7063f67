import { describe, expect, it } from "vitest";
import { connectionHandler, isRendererPage, onlyForRenderer } from "./connectionChannel.ts";
import { windowOptions } from "./windowOptions.ts";

const PAGE = "file:///opt/Ferry/resources/app/dist/renderer/index.html";
const conn = { daemonUrl: "http://127.0.0.1:4321", token: "s3cret-token" };

describe("the connection channel", () => {
  it("answers Ferry's own page, with or without a fragment, and the dev server", () => {
    expect(isRendererPage(PAGE, PAGE)).toBe(true);
    expect(isRendererPage(`${PAGE}#settings`, PAGE)).toBe(true);
    expect(isRendererPage("http://localhost:5173/x", PAGE, "http://localhost:5173/")).toBe(true);
  });

  it("refuses any other frame", () => {
    const handler = connectionHandler(
      () => conn,
      (url) => isRendererPage(url, PAGE),
    );
    expect(handler({ senderFrame: { url: PAGE } })).toEqual(conn);
    for (const url of ["https://example.com/", "file:///tmp/other.html", ""]) {
      expect(() => handler({ senderFrame: { url } })).toThrow(/not given to/);
    }
    expect(() => handler({ senderFrame: null })).toThrow(/unknown frame/);
  });

  it("gives the file chooser to Ferry's page only", () => {
    const choose = onlyForRenderer(
      "file chooser",
      () => "/home/u/.kube/config",
      (url) => isRendererPage(url, PAGE),
    );
    expect(choose({ senderFrame: { url: PAGE } })).toBe("/home/u/.kube/config");
    expect(() => choose({ senderFrame: { url: "https://example.com/" } })).toThrow(
      /file chooser is not given/,
    );
  });

  it("leaves the token out of the window's options (no argument reaches argv)", () => {
    const options = windowOptions({ preload: "/p/preload.cjs", icon: "/p/icon.png" });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    });
    expect(options.webPreferences?.additionalArguments).toBeUndefined();
    expect(JSON.stringify(options)).not.toContain(conn.token);
  });
});
