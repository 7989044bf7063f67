import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { app, BrowserWindow, ipcMain, Menu, nativeImage, session, shell, Tray } from "electron";
import { createDaemonRpc } from "../shared/daemonRpc.ts";
import type { ConfigSummary, DaemonConnection, ForwardStatus } from "../shared/daemonView.ts";
import { CONNECTION_CHANNEL, connectionHandler, isRendererPage } from "./connectionChannel.ts";
import { allowRendererToReachDaemon } from "./daemonCors.ts";
import { connectDaemon } from "./daemonLink.ts";
import { trayIconState, trayTooltip } from "./trayIconState.ts";
import { buildTrayMenu, type TrayAction, type TrayMenuItem } from "./trayMenu.ts";
import { windowOptions } from "./windowOptions.ts";

// Main owns the OS: the tray, the window, the daemon process. Everything it shows comes from
// the pure functions beside it; everything it does is one daemon call.

const ASSETS = join(import.meta.dirname, "..", "..", "assets");
const RENDERER = join(import.meta.dirname, "..", "renderer", "index.html");
const POLL_MS = 2_000;
const STOP_ON_QUIT_SETTING = "tray.stop_daemon_on_quit";

interface DaemonStatusRow {
  id: number;
  state: ForwardStatus["state"];
  error: { message: string } | null;
}

let tray: Tray | null = null;
let win: BrowserWindow | null = null;

/** The preload's one call: the connection, for Ferry's own page only. */
function answerConnection(conn: DaemonConnection) {
  const page = pathToFileURL(RENDERER).href;
  const devUrl = process.env.VITE_DEV_SERVER_URL;
  ipcMain.handle(
    CONNECTION_CHANNEL,
    connectionHandler(
      () => conn,
      (url) => isRendererPage(url, page, devUrl),
    ),
  );
}

function openWindow() {
  if (win && !win.isDestroyed()) return win.show();
  win = new BrowserWindow(
    windowOptions({
      preload: join(import.meta.dirname, "..", "preload", "preload.cjs"),
      icon: join(ASSETS, "icon.png"),
    }),
  );
  const devUrl = process.env.VITE_DEV_SERVER_URL;
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(RENDERER);
  // Links leave the app for the system browser; the window never navigates away.
  win.webContents.setWindowOpenHandler(({ url }) => {
    void shell.openExternal(url);
    return { action: "deny" };
  });
}

function toTemplate(items: TrayMenuItem[], run: (a: TrayAction) => void) {
  return items.map((item): Electron.MenuItemConstructorOptions => {
    switch (item.type) {
      case "separator":
        return { type: "separator" };
      case "header":
        return { label: item.label, enabled: false };
      case "checkbox":
        return {
          type: "checkbox",
          label: item.label,
          checked: item.checked,
          ...(item.sublabel ? { sublabel: item.sublabel } : {}),
          click: () => run(item.action),
        };
      default:
        return { label: item.label, enabled: item.enabled, click: () => run(item.action) };
    }
  });
}

async function main() {
  await app.whenReady();
  const conn = await connectDaemon(process.env.FERRY_HOME);
  allowRendererToReachDaemon(session.defaultSession, conn.daemonUrl);
  answerConnection(conn);
  const { rpc } = createDaemonRpc(conn);
  tray = new Tray(nativeImage.createFromPath(join(ASSETS, "tray-ok.png")));

  const run = async (action: TrayAction) => {
    try {
      if (action.kind === "toggle") {
        await rpc.mutation(action.start ? "forwards.start" : "forwards.stop", { ids: [action.id] });
      } else if (action.kind === "startAll") await rpc.mutation("forwards.startAll", undefined);
      else if (action.kind === "stopAll") await rpc.mutation("forwards.stopAll", undefined);
      else if (action.kind === "open") openWindow();
      else {
        if (action.stopDaemon) await rpc.mutation("daemon.shutdown", undefined).catch(() => {});
        app.exit(0);
      }
    } catch {
      // The next refresh shows the forward's error state; the menu is not the place for a dialog.
    }
    void refresh();
  };

  const refresh = async () => {
    let configs: ConfigSummary[] = [];
    let statuses: ForwardStatus[] = [];
    let stopDaemonOnQuit = false;
    let reachable = true;
    try {
      configs = (await rpc.query("configs.list", undefined)) as ConfigSummary[];
      const rows = (await rpc.query("forwards.status", undefined)) as DaemonStatusRow[];
      statuses = rows.map((r) => ({ id: r.id, state: r.state, error: r.error?.message ?? null }));
      const setting = await rpc.query("settings.get", STOP_ON_QUIT_SETTING);
      stopDaemonOnQuit = setting === true;
    } catch {
      reachable = false;
    }
    const items = buildTrayMenu({
      configs,
      statuses,
      stopDaemonOnQuit,
      daemonReachable: reachable,
    });
    tray?.setContextMenu(Menu.buildFromTemplate(toTemplate(items, (a) => void run(a))));
    const icon = trayIconState(statuses, reachable);
    tray?.setImage(nativeImage.createFromPath(join(ASSETS, `tray-${icon}.png`)));
    tray?.setToolTip(trayTooltip(statuses, reachable));
  };

  tray.on("click", () => openWindow());
  app.on("window-all-closed", () => {
    // Closing the window keeps the tray; Quit in the menu is the way out.
  });
  await refresh();
  setInterval(() => void refresh(), POLL_MS);
}

void main();
