import { join } from "node:path";
import { BrowserWindow, screen, shell } from "electron";
import { windowOptions } from "./windowOptions.ts";
import { type Bounds, debouncedSaver, restoreBounds } from "./windowState.ts";

export interface TrayWindowOptions {
  assets: string;
  renderer: string;
  /** The bounds saved last time (the daemon's `tray.window_bounds` setting), if any. */
  savedBounds: () => Promise<Bounds | null>;
  saveBounds: (b: Bounds) => void;
  /** The window was hidden or closed: what was changed in it may matter to main. */
  onLeave?: () => void;
}

/**
 * The one window: opened on demand at the size and place it had, resizable, its bounds saved
 * when a move or resize settles and when it closes. `toggle` is what the global shortcut does.
 */
export function trayWindow(o: TrayWindowOptions) {
  let win: BrowserWindow | null = null;
  const saver = debouncedSaver(o.saveBounds);

  const open = async () => {
    if (win && !win.isDestroyed()) return win.show();
    const displays = screen.getAllDisplays().map((d) => d.workArea);
    const bounds = restoreBounds(await o.savedBounds().catch(() => null), displays);
    win = new BrowserWindow(
      windowOptions(
        {
          preload: join(import.meta.dirname, "..", "preload", "preload.cjs"),
          icon: join(o.assets, "icon.png"),
        },
        bounds,
      ),
    );
    const w = win;
    const changed = () => !w.isMaximized() && !w.isMinimized() && saver.changed(w.getBounds());
    w.on("resize", changed);
    w.on("move", changed);
    w.on("close", () => {
      changed();
      saver.flush();
    });
    w.on("hide", () => o.onLeave?.());
    w.on("closed", () => o.onLeave?.());
    const devUrl = process.env.VITE_DEV_SERVER_URL;
    if (devUrl) void w.loadURL(devUrl);
    else void w.loadFile(o.renderer);
    // Links leave the app for the system browser; the window never navigates away.
    w.webContents.setWindowOpenHandler(({ url }) => {
      void shell.openExternal(url);
      return { action: "deny" };
    });
  };

  const toggle = () => {
    if (win && !win.isDestroyed() && win.isVisible() && win.isFocused()) win.hide();
    else void open();
  };

  return { open, toggle };
}
