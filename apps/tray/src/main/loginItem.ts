import { app } from "electron";
import { isStartAtLogin, setStartAtLogin, trayCommand } from "./autostart.ts";

/**
 * "Start at login": an XDG autostart entry on Linux (autostart.ts); the system's login items
 * elsewhere (Electron's own API, macOS and Windows).
 */
export const loginItem = {
  enabled(): boolean {
    if (process.platform === "linux") return isStartAtLogin();
    return app.getLoginItemSettings().openAtLogin;
  },
  set(enabled: boolean): void {
    if (process.platform !== "linux") {
      app.setLoginItemSettings({ openAtLogin: enabled });
      return;
    }
    const appPath = app.isPackaged ? undefined : app.getAppPath();
    setStartAtLogin(enabled, trayCommand(process.execPath, process.env, appPath));
  },
};
