import type { BrowserWindowConstructorOptions } from "electron";
import { type Bounds, DEFAULT_SIZE, MIN_SIZE } from "./windowState.ts";

/**
 * The window's options: resizable, at the given bounds; an isolated, sandboxed renderer whose
 * only bridge is the preload. No argument carries data: the preload asks main over IPC.
 */
export function windowOptions(
  paths: { preload: string; icon: string },
  bounds: Partial<Bounds> = DEFAULT_SIZE,
): BrowserWindowConstructorOptions {
  return {
    ...DEFAULT_SIZE,
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    resizable: true,
    title: "Ferry",
    icon: paths.icon,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  };
}
