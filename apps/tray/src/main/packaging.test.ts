import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// electron-builder itself cannot run here (it fetches Electron), so this reads its config and
// checks what each installer gets from it against the files the build produces.
const APP = join(import.meta.dirname, "..", "..");
const config = parse(readFileSync(join(APP, "electron-builder.yml"), "utf8"));
const pkg = JSON.parse(readFileSync(join(APP, "package.json"), "utf8"));

describe("the electron-builder configuration", () => {
  it("makes an AppImage and a deb on Linux, a dmg on macOS and NSIS on Windows", () => {
    expect(config.linux.target).toEqual(["AppImage", "deb"]);
    expect(config.mac.target).toEqual(["dmg"]);
    expect(config.win.target).toEqual(["nsis"]);
  });

  it("gives each platform an icon that exists and is large enough to convert", () => {
    for (const platform of ["linux", "mac", "win"]) {
      const icon = join(APP, config[platform].icon);
      expect(existsSync(icon), icon).toBe(true);
      // PNG header: width and height as big-endian u32 at bytes 16 and 20.
      const png = readFileSync(icon);
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
    }
  });

  it("files the app under developer tools", () => {
    expect(config.linux.category).toBe("Development");
    expect(config.mac.category).toBe("public.app-category.developer-tools");
  });

  it("packs the entry point package.json names, the preload and the renderer", () => {
    expect(pkg.main).toBe("dist/main/main.js");
    expect(config.files).toContain("dist/**");
    const build: string = pkg.scripts.build;
    expect(build).toContain("vite build"); // dist/renderer
    expect(build).toContain("tsconfig.main.json"); // dist/main
    expect(build).toContain("renamePreload"); // dist/preload/preload.cjs
  });

  it("never lets an install download Electron (its postinstall is not allowed to run)", () => {
    const workspace = parse(readFileSync(join(APP, "..", "..", "pnpm-workspace.yaml"), "utf8"));
    expect(workspace.onlyBuiltDependencies).not.toContain("electron");
  });
});
