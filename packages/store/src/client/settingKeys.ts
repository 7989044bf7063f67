/**
 * The setting keys (`settings.get` / `settings.set`) that more than one part of Ferry reads or
 * writes: the daemon, the CLI, the TUI and the tray spell each one here, once.
 */
export const SETTING_KEYS = {
  /** "https" or "http": the scheme a forward's address opens with in a browser (browserUrl). */
  openScheme: "open.scheme",
  /** The relay pod manifest template's path; empty or absent: $FERRY_HOME/proxy_manifest.json. */
  proxyManifestPath: "proxy.manifest_path",
  /** true: the tray's Quit also stops the daemon. */
  trayStopDaemonOnQuit: "tray.stop_daemon_on_quit",
  /** The tray's show/hide shortcut (an Electron accelerator); off when empty. */
  trayGlobalShortcut: "tray.global_shortcut",
  /** The tray window's last bounds, kept by the tray. */
  trayWindowBounds: "tray.window_bounds",
  /** Live discovery, per context. */
  discoverLive: "discover.live",
  /** Stop a forward after this many minutes without connections (0 or absent: never). */
  idleTimeoutMinutes: "forwards.idle_timeout_minutes",
  /** Per forward, by alias: `{ "web": 30 }`; overrides idleTimeoutMinutes (0 turns it off). */
  idleTimeoutByAlias: "forwards.idle_timeout_by_alias",
} as const;

export type SettingKeyName = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];
