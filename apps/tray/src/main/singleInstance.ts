/** The part of Electron's `app` the single-instance lock uses. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: "second-instance", listener: () => void): unknown;
}

/**
 * One tray per user session: a second launch (a click in the menu, autostart racing a manual
 * start) hands over to the first, which shows its window, and quits. Returns false in the
 * instance that must quit.
 */
export function claimSingleInstance(app: InstanceApp, showFirst: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on("second-instance", showFirst);
  return true;
}
