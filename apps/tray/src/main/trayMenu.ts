import { type ForwardState, groupRows, isActive } from "@ferry/store/client";
import { type DaemonReach, REACH_TEXT } from "./daemonReach.ts";

/** A config as the menu lists it. */
export interface MenuConfig {
  id: number;
  alias: string;
  context: string | null;
}

/** A forward's state as the menu shows it, with the daemon's error text. */
export interface MenuStatus {
  id: number;
  state: ForwardState;
  error?: string | null;
}

/** What a click does; main maps each to a daemon call or a window action. */
export type TrayAction =
  | { kind: "toggle"; id: number; start: boolean }
  | { kind: "startAll" }
  | { kind: "stopAll" }
  | { kind: "open" }
  | { kind: "startAtLogin"; enabled: boolean }
  | { kind: "quit"; stopDaemon: boolean };

/** A menu entry as plain data: Electron's `Menu.buildFromTemplate` input minus the callbacks. */
export type TrayMenuItem =
  | { type: "separator" }
  | { type: "header"; label: string }
  | { type: "checkbox"; label: string; checked: boolean; sublabel?: string; action: TrayAction }
  | { type: "normal"; label: string; enabled: boolean; action: TrayAction };

export interface TrayMenuState {
  configs: readonly MenuConfig[];
  statuses: readonly MenuStatus[];
  /** Setting `tray.stop_daemon_on_quit`: Quit also stops the daemon (and every forward). */
  stopDaemonOnQuit: boolean;
  daemon: DaemonReach;
  /** Whether the tray starts with the desktop session (XDG autostart on Linux). */
  startAtLogin: boolean;
}

/** Builds the tray menu from the daemon's state; pure so it is tested without Electron. */
export function buildTrayMenu(state: TrayMenuState): TrayMenuItem[] {
  const byId = new Map(state.statuses.map((s) => [s.id, s]));
  const items: TrayMenuItem[] = [];
  const reachable = state.daemon === "reachable";
  if (state.daemon !== "reachable") {
    items.push({ type: "header", label: REACH_TEXT[state.daemon] });
  } else if (state.configs.length === 0) {
    items.push({ type: "header", label: "No forwards yet: open Ferry to add one" });
  }
  for (const group of groupRows(state.configs)) {
    items.push({ type: "header", label: group.label });
    for (const config of group.items) {
      const status = byId.get(config.id);
      const active = isActive(status?.state);
      const item: TrayMenuItem = {
        type: "checkbox",
        label: config.alias,
        checked: status?.state === "running",
        action: { kind: "toggle", id: config.id, start: !active },
      };
      if (status && status.state !== "running" && status.state !== "stopped") {
        item.sublabel = status.error ? `${status.state}: ${status.error}` : status.state;
      }
      items.push(item);
    }
  }
  const anyActive = state.statuses.some((s) => isActive(s.state));
  const anyIdle = state.configs.some((c) => !isActive(byId.get(c.id)?.state));
  items.push(
    { type: "separator" },
    {
      type: "normal",
      label: "Start all",
      enabled: reachable && anyIdle,
      action: { kind: "startAll" },
    },
    {
      type: "normal",
      label: "Stop all",
      enabled: reachable && anyActive,
      action: { kind: "stopAll" },
    },
    { type: "separator" },
    {
      type: "checkbox",
      label: "Start at login",
      checked: state.startAtLogin,
      action: { kind: "startAtLogin", enabled: !state.startAtLogin },
    },
    { type: "normal", label: "Open Ferry", enabled: true, action: { kind: "open" } },
    {
      type: "normal",
      label: state.stopDaemonOnQuit ? "Quit (stops the daemon)" : "Quit",
      enabled: true,
      action: { kind: "quit", stopDaemon: state.stopDaemonOnQuit },
    },
  );
  return items;
}
