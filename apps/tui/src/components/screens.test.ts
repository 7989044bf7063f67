import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { KEY, renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

describe("the settings screen", () => {
  it("lists the daemon's settings and saves an edited one", async () => {
    const d = demoDaemon();
    d.settings = { "tray.stop_daemon_on_quit": true };
    const app = renderApp(d, { columns: 100, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type(",");
    const frame = await app.waitFor("Settings");
    expect(frame).toMatch(/tray\.stop_daemon_on_quit\s+true/);
    expect(frame).toContain("relay pod manifest template");
    await app.type(KEY.enter, ..."/etc/ferry/relay.json", KEY.enter);
    await app.waitFor("Saved proxy.manifest_path.");
    expect(d.settings["proxy.manifest_path"]).toBe("/etc/ferry/relay.json");
    await app.type(KEY.down, KEY.down, KEY.enter, KEY.backspace, KEY.backspace, KEY.backspace);
    await app.type(KEY.backspace, ..."false", KEY.enter);
    await app.waitFor(/tray\.stop_daemon_on_quit\s+false/);
    expect(d.settings["tray.stop_daemon_on_quit"]).toBe(false);
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
  });
});

describe("the about screen", () => {
  it("shows the TUI's, the daemon's and Node's versions; any key goes back", async () => {
    const app = renderApp(demoDaemon());
    await app.waitFor("auth-api-pod");
    await app.type("v");
    const frame = await app.waitFor("9.9.9-fake");
    expect(frame).toMatch(/ferry-tui\s+\d+\.\d+\.\d+/);
    expect(frame).toContain(process.versions.node);
    await app.type("x");
    await app.waitFor("auth-api-pod");
  });
});

describe("--kftui-keys", () => {
  it("makes s open settings and q the about screen, and help shows that map", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 100, rows: 30 }, { keyMap: "kftui" });
    await app.waitFor("auth-api-pod");
    await app.type("s");
    await app.waitFor("relay pod manifest template");
    expect(d.calls).not.toContain("startAll");
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
    await app.type("q");
    await app.waitFor("About Ferry");
    await app.type("x");
    await app.waitFor("auth-api-pod");
    await app.type("?");
    const help = await app.waitFor("kftui map");
    expect(help).toMatch(/A x\s+start all, stop all/);
    await app.type("x");
    await app.waitFor("auth-api-pod");
    await app.type("l"); // kftui's l: HTTP logs on for the row
    await app.waitFor("HTTP logs on for auth-api-pod.");
    expect(d.configs.find((c) => c.alias === "auth-api-pod")?.http_logs_enabled).toBe(true);
  });
});
