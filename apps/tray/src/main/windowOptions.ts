import type { BrowserWindowConstructorOptions } from "electron";

/**
 * The window's options: an isolated, sandboxed renderer whose only bridge is the preload. No
 * argument carries data: the preload asks main for the connection over IPC.
 */
export function windowOptions(paths: {
  preload: string;
  icon: string;
}): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 760,
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
