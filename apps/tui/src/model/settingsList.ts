import { SETTING_KEYS } from "@ferry/store/client";

/** The daemon settings the settings screen always lists, with what each one does. */
export const KNOWN_SETTINGS: readonly { key: string; text: string }[] = [
  {
    key: SETTING_KEYS.proxyManifestPath,
    text: "relay pod manifest template (empty: FERRY_HOME's)",
  },
  { key: SETTING_KEYS.openScheme, text: "open in browser with http or https" },
  { key: SETTING_KEYS.trayStopDaemonOnQuit, text: "the tray's Quit also stops the daemon" },
  { key: SETTING_KEYS.trayGlobalShortcut, text: "the tray's show/hide shortcut (off when empty)" },
];

export interface SettingRow {
  key: string;
  /** The value as JSON text; "" when unset. */
  value: string;
  text: string;
}

/** The known settings first, then any other the daemon holds, each with its value as JSON. */
export function settingRows(all: Readonly<Record<string, unknown>>): SettingRow[] {
  const text = (v: unknown) => (v === undefined || v === null ? "" : JSON.stringify(v));
  const known = KNOWN_SETTINGS.map((s) => ({ ...s, value: text(all[s.key]) }));
  const others = Object.keys(all)
    .filter((k) => !KNOWN_SETTINGS.some((s) => s.key === k))
    .sort()
    .map((key) => ({ key, value: text(all[key]), text: "" }));
  return [...known, ...others];
}

/**
 * Text typed for a setting, as the value to store: JSON when it parses (`true`, `3`,
 * `["a"]`, `"x"`), otherwise the text itself; empty text removes the setting (null).
 */
export function settingValue(typed: string): unknown {
  const t = typed.trim();
  if (t === "") return null;
  try {
    return JSON.parse(t);
  } catch {
    return t;
  }
}
