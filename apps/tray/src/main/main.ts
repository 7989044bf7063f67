import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { closeFerryClient, SETTING_KEYS } from "@ferry/store/client";
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  Notification,
  nativeImage,
  session,
  Tray,
} from "electron";
import type { DaemonConnection } from "../shared/daemonConnection.ts";
import {
  CHOOSE_FILE_CHANNEL,
  CONNECTION_CHANNEL,
  connectionHandler,
  isRendererPage,
  onlyForRenderer,
} from "./connectionChannel.ts";
import { allowRendererToReachDaemon } from "./daemonCors.ts";
import { DaemonFollower } from "./daemonFollower.ts";
import { connectDaemon, type DaemonLink, linkAnswers } from "./daemonLink.ts";
import { followedCall, followedClient } from "./followedClient.ts";
import { SHORTCUT_SETTING, shortcutBinder } from "./globalShortcut.ts";
import { liveMenu, type MenuSettings } from "./liveMenu.ts";
import { loginItem } from "./loginItem.ts";
import { menuTemplate } from "./menuTemplate.ts";
import { claimSingleInstance } from "./singleInstance.ts";
import { skewNotice } from "./skewNotice.ts";
import { trayIconState, trayTooltip } from "./trayIconState.ts";
import type { TrayAction } from "./trayMenu.ts";
import { trayWindow } from "./trayWindow.ts";
import { parseBounds, WINDOW_SETTING } from "./windowState.ts";

// Main owns the OS: the tray, the window, the daemon process. Everything it shows comes from
// the pure functions beside it; everything it does is one daemon call.

const ASSETS = join(import.meta.dirname, "..", "..", "assets");
const RENDERER = join(import.meta.dirname, "..", "renderer", "index.html");
const STOP_ON_QUIT_SETTING = SETTING_KEYS.trayStopDaemonOnQuit;

/**
 * The preload's calls: the connection and a file chooser, for Ferry's own page only. The window
 * asks again whenever its stream drops: it gets the daemon that answers now.
 */
function answerRenderer(conn: () => Promise<DaemonConnection>) {
  const page = pathToFileURL(RENDERER).href;
  const devUrl = process.env.VITE_DEV_SERVER_URL;
  const trusted = (url: string) => isRendererPage(url, page, devUrl);
  ipcMain.handle(CONNECTION_CHANNEL, connectionHandler(conn, trusted));
  ipcMain.handle(
    CHOOSE_FILE_CHANNEL,
    onlyForRenderer(
      "file chooser",
      async () => {
        const options = {
          defaultPath: join(homedir(), ".kube"),
          properties: ["openFile", "showHiddenFiles"] as ("openFile" | "showHiddenFiles")[],
        };
        const parent = BrowserWindow.getFocusedWindow();
        const r = parent
          ? await dialog.showOpenDialog(parent, options)
          : await dialog.showOpenDialog(options);
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      trusted,
    ),
  );
}

async function main() {
  let showWindow = () => {};
  if (!claimSingleInstance(app, () => showWindow())) return;
  await app.whenReady();
  let skew = skewNotice(undefined);
  // ferryd may be stopped and started again, crash, or hand over to a newer one: each has a new
  // port and token. The follower connects again when the link is lost.
  const follower = new DaemonFollower<DaemonLink>({
    connect: () => connectDaemon(process.env.FERRY_HOME),
    answers: linkAnswers,
    onLinked: (link, previous) => {
      // Electron keeps one listener per webRequest event: this replaces the last daemon's.
      allowRendererToReachDaemon(session.defaultSession, link.connection.daemonUrl);
      if (previous) closeFerryClient(previous.client);
      // An older daemon handed over (or a newer one is used): the window says it (skew in the
      // connection), and so does the tray, for a tray started at login whose window is closed.
      skew = skewNotice(link.connection.skew);
      if (skew.notification && Notification.isSupported())
        new Notification({ title: "Ferry", body: skew.notification }).show();
    },
  });
  await follower.current();
  answerRenderer(async () => (await follower.checked()).connection);
  const call = followedCall(follower);
  const window = trayWindow({
    assets: ASSETS,
    renderer: RENDERER,
    savedBounds: async () => parseBounds(await call((c) => c.settings.get.query(WINDOW_SETTING))),
    saveBounds: (b) =>
      void call((c) => c.settings.set.mutate({ key: WINDOW_SETTING, value: { ...b } })).catch(
        () => {},
      ),
    // Settings are changed in the window: read the tray's own again when it is left.
    onLeave: () => void readSettings(),
  });
  showWindow = () => void window.open();
  const shortcut = shortcutBinder(globalShortcut, window.toggle);
  const tray = new Tray(nativeImage.createFromPath(join(ASSETS, "tray-ok.png")));

  const run = async (action: TrayAction) => {
    try {
      if (action.kind === "toggle") {
        const ids = [action.id];
        await call((c) => (action.start ? c.forwards.start : c.forwards.stop).mutate({ ids }));
      } else if (action.kind === "startAll") await call((c) => c.forwards.startAll.mutate());
      else if (action.kind === "stopAll") await call((c) => c.forwards.stopAll.mutate());
      else if (action.kind === "open") await window.open();
      else if (action.kind === "startAtLogin") {
        loginItem.set(action.enabled);
        settings.startAtLogin = loginItem.enabled();
        menu.render();
      } else {
        if (action.stopDaemon) {
          // Closed first: a stream dropped by this shutdown would otherwise start ferryd again.
          menu.close();
          await call((c) => c.daemon.shutdown.mutate()).catch(() => {});
        }
        app.exit(0);
      }
    } catch {
      // The pushed update shows the forward's error state; the menu is not the place for a dialog.
    }
  };

  const settings: MenuSettings = { stopDaemonOnQuit: false, startAtLogin: loginItem.enabled() };
  // Forwards come pushed (forwards.events through liveForwards): the menu and the icon follow
  // at once, with no poll.
  const followed = followedClient(follower);
  const menu = liveMenu({
    client: followed.client,
    onState: followed.onState,
    settings: () => settings,
    show: (items, state) => {
      tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(items, (a) => void run(a))));
      const icon = trayIconState(state.statuses, state.daemon);
      tray.setImage(nativeImage.createFromPath(join(ASSETS, `tray-${icon}.png`)));
      tray.setToolTip(trayTooltip(state.statuses, state.daemon, skew.tooltip));
    },
  });
  const readSettings = async () => {
    try {
      const stopOnQuit = await call((c) => c.settings.get.query(STOP_ON_QUIT_SETTING));
      settings.stopDaemonOnQuit = stopOnQuit === true;
      const problem = shortcut.apply(await call((c) => c.settings.get.query(SHORTCUT_SETTING)));
      if (problem) console.error(`ferry tray: global shortcut: ${problem}`);
    } catch {
      // Unreachable: the live rows say so in the menu.
    }
    menu.render();
  };

  tray.on("click", () => void window.open());
  app.on("window-all-closed", () => {
    // Closing the window keeps the tray; Quit in the menu is the way out.
  });
  app.on("will-quit", () => {
    globalShortcut.unregisterAll();
    menu.close();
  });
  await readSettings();
}

void main();
