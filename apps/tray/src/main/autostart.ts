import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

// "Start at login" on Linux: an XDG autostart entry (freedesktop's Desktop Application
// Autostart spec), which GNOME, KDE, Xfce and most other sessions honour. macOS and Windows use
// Electron's app.setLoginItemSettings instead.

export const AUTOSTART_FILE = "ferry-tray.desktop";

/** `$XDG_CONFIG_HOME/autostart/ferry-tray.desktop` (XDG_CONFIG_HOME defaults to ~/.config). */
export function autostartPath(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME?.startsWith("/")
    ? env.XDG_CONFIG_HOME
    : join(env.HOME || homedir(), ".config");
  return join(config, "autostart", AUTOSTART_FILE);
}

/**
 * An Exec argument quoted as the Desktop Entry spec wants: in double quotes when it holds a
 * reserved character, with `"`, `` ` ``, `$` and `\` escaped; `%` doubled (field codes).
 */
export function execArgument(arg: string): string {
  const escaped = arg.replaceAll("%", "%%");
  if (!/[\s"'\\><~|&;$*?#()`]/.test(escaped)) return escaped;
  return `"${escaped.replace(/(["`$\\])/g, "\\$1")}"`;
}

/** The entry's text: Ferry's tray, started hidden in the tray, by the given command. */
export function autostartEntry(command: readonly string[]): string {
  return [
    "[Desktop Entry]",
    "Type=Application",
    "Name=Ferry",
    "Comment=Kubernetes port-forward manager (tray)",
    `Exec=${command.map(execArgument).join(" ")}`,
    "Icon=ferry-tray",
    "Terminal=false",
    "Categories=Development;",
    "X-GNOME-Autostart-enabled=true",
    "",
  ].join("\n");
}

/**
 * The command that starts this tray again: an AppImage's own path (the mount point changes each
 * run), else the executable (with the app path when running from unpacked sources).
 */
export function trayCommand(execPath: string, env: NodeJS.ProcessEnv, appPath?: string): string[] {
  if (env.APPIMAGE) return [env.APPIMAGE];
  return appPath ? [execPath, appPath] : [execPath];
}

export function isStartAtLogin(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(autostartPath(env));
}

/** Writes (atomically: temp file, rename) or removes the entry. */
export function setStartAtLogin(
  enabled: boolean,
  command: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  const path = autostartPath(env);
  if (!enabled) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, autostartEntry(command), { mode: 0o644 });
  renameSync(temp, path);
}
