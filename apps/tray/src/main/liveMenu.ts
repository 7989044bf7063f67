import { type ForwardRow, type LiveState, liveForwards } from "@ferry/store/client";
import { daemonReach, followLink, NEW_LINK } from "./daemonReach.ts";
import { buildTrayMenu, type TrayMenuItem, type TrayMenuState } from "./trayMenu.ts";

/** The menu's own settings: read by main when it starts and when the window is left. */
export interface MenuSettings {
  stopDaemonOnQuit: boolean;
  startAtLogin: boolean;
}

export interface LiveMenuOptions {
  /** A client, or a function that gives the current one on each (re)subscription. */
  client: Parameters<typeof liveForwards>[0];
  settings: () => MenuSettings;
  /** Puts the menu (and the icon, from `state`) on screen. */
  show: (items: TrayMenuItem[], state: TrayMenuState) => void;
  retryMs?: number;
  /** The stream's state: main reports a dropped one as a lost daemon (followedClient.ts). */
  onState?: (state: LiveState) => void;
}

/**
 * The tray menu, live: rebuilt from the daemon's pushed forward updates (the shared
 * `liveForwards` helper; nothing is polled), and shown again only when what it shows changed.
 * Traffic updates arrive every second per running forward and change nothing in the menu.
 */
export function liveMenu(o: LiveMenuOptions) {
  let rows: ForwardRow[] = [];
  let link = NEW_LINK;
  let shown = "";
  const render = () => {
    const state: TrayMenuState = {
      configs: rows,
      statuses: rows.map((r) => ({ id: r.id, state: r.state, error: r.error?.message ?? null })),
      daemon: daemonReach(link),
      ...o.settings(),
    };
    const items = buildTrayMenu(state);
    const key = JSON.stringify([items, state.statuses]);
    if (key === shown) return;
    shown = key;
    o.show(items, state);
  };
  const live = liveForwards(o.client, {
    onRows: (next) => {
      rows = next;
      render();
    },
    onState: (state) => {
      o.onState?.(state);
      link = followLink(link, state);
      render();
    },
    ...(o.retryMs ? { retryMs: o.retryMs } : {}),
  });
  return { render, close: () => live.close() };
}
