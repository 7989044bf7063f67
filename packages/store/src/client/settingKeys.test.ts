import { describe, expect, it } from "vitest";
import { SettingKeySchema } from "../schema/settings.ts";
import { SETTING_KEYS } from "./settingKeys.ts";

describe("SETTING_KEYS", () => {
  it("are valid setting keys, each spelled once", () => {
    const keys = Object.values(SETTING_KEYS);
    for (const key of keys) expect(SettingKeySchema.safeParse(key).success, key).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keep the spellings stored in users' databases", () => {
    expect(SETTING_KEYS).toMatchObject({
      openScheme: "open.scheme",
      proxyManifestPath: "proxy.manifest_path",
      trayStopDaemonOnQuit: "tray.stop_daemon_on_quit",
      trayGlobalShortcut: "tray.global_shortcut",
      trayWindowBounds: "tray.window_bounds",
    });
  });
});
