import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  autostartPath,
  execArgument,
  isStartAtLogin,
  setStartAtLogin,
  trayCommand,
} from "./autostart.ts";

let dir: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ferry-autostart-"));
  env = { HOME: join(dir, "home"), XDG_CONFIG_HOME: join(dir, "xdg") };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("start at login (XDG autostart)", () => {
  it("writes the entry under XDG_CONFIG_HOME/autostart and removes it again", () => {
    expect(isStartAtLogin(env)).toBe(false);
    setStartAtLogin(true, ["/opt/Ferry/ferry-tray"], env);
    const path = join(dir, "xdg", "autostart", "ferry-tray.desktop");
    expect(autostartPath(env)).toBe(path);
    expect(isStartAtLogin(env)).toBe(true);
    const text = readFileSync(path, "utf8");
    expect(text).toMatch(/^\[Desktop Entry\]\n/);
    expect(text).toContain("Type=Application\n");
    expect(text).toContain("Exec=/opt/Ferry/ferry-tray\n");
    setStartAtLogin(false, [], env);
    expect(isStartAtLogin(env)).toBe(false);
    setStartAtLogin(false, [], env); // removing twice is fine
  });

  it("falls back to ~/.config when XDG_CONFIG_HOME is unset or relative", () => {
    const home = join(dir, "home");
    expect(autostartPath({ HOME: home })).toBe(join(home, ".config/autostart/ferry-tray.desktop"));
    expect(autostartPath({ HOME: home, XDG_CONFIG_HOME: "rel" })).toBe(
      join(home, ".config/autostart/ferry-tray.desktop"),
    );
  });

  it("quotes Exec arguments as the Desktop Entry spec says", () => {
    expect(execArgument("/usr/bin/ferry-tray")).toBe("/usr/bin/ferry-tray");
    expect(execArgument("/home/a b/Ferry.AppImage")).toBe('"/home/a b/Ferry.AppImage"');
    expect(execArgument('/x/"$HOME"`id`\\')).toBe('"/x/\\"\\$HOME\\"\\`id\\`\\\\"');
    expect(execArgument("/x/100%")).toBe("/x/100%%");
  });

  it("starts an AppImage by its own path, not the temporary mount", () => {
    expect(
      trayCommand("/tmp/.mount_Ferry/ferry-tray", { APPIMAGE: "/home/u/Ferry.AppImage" }),
    ).toEqual(["/home/u/Ferry.AppImage"]);
    expect(trayCommand("/usr/lib/electron", {}, "/src/ferry/apps/tray")).toEqual([
      "/usr/lib/electron",
      "/src/ferry/apps/tray",
    ]);
  });

  it("writes an entry desktop-file-validate accepts", () => {
    setStartAtLogin(true, ["/home/a b/Ferry.AppImage"], env);
    // Debian's desktop-file-utils; throws (and fails the test) on an invalid entry or when missing.
    const out = execFileSync("desktop-file-validate", [autostartPath(env)], { encoding: "utf8" });
    expect(out).toBe("");
  });
});
