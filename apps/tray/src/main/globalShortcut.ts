import { SETTING_KEYS } from "@ferry/store/client";
export const SHORTCUT_SETTING = SETTING_KEYS.trayGlobalShortcut;

/** The part of Electron's `globalShortcut` used here. */
export interface ShortcutApi {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

const MODIFIERS = new Set([
  "Command",
  "Cmd",
  "Control",
  "Ctrl",
  "CommandOrControl",
  "CmdOrCtrl",
  "Alt",
  "Option",
  "AltGr",
  "Shift",
  "Super",
  "Meta",
]);
const KEY =
  /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Escape|Plus|[`\-=[\];',./\\])$/;

/**
 * Checks an Electron accelerator such as `CommandOrControl+Shift+F`: at least one modifier (a
 * global shortcut without one would steal a plain key from every app) and exactly one key.
 * Returns the problem, or null.
 */
export function shortcutProblem(accelerator: string): string | null {
  const parts = accelerator.split("+").map((p) => p.trim());
  const key = parts.at(-1) ?? "";
  const mods = parts.slice(0, -1);
  if (mods.length === 0)
    return `"${accelerator}" has no modifier; use one such as CommandOrControl+Shift+F`;
  const unknown = mods.find((m) => !MODIFIERS.has(m));
  if (unknown)
    return `"${unknown}" is not a modifier (Control, Alt, Shift, Super, CommandOrControl)`;
  if (!KEY.test(key.length === 1 ? key.toUpperCase() : key))
    return `"${key}" is not a key Electron knows (A-Z, 0-9, F1-F24, Space, arrows, ...)`;
  return null;
}

/**
 * Keeps the registered global shortcut in line with the setting (off by default: `null`). A
 * shortcut another app already holds is reported, and nothing stays registered.
 */
export function shortcutBinder(api: ShortcutApi, toggleWindow: () => void) {
  let current: string | null = null;
  return {
    current: () => current,
    apply(setting: unknown): string | null {
      const wanted = typeof setting === "string" && setting.trim() ? setting.trim() : null;
      if (wanted === current) return null;
      if (current) api.unregister(current);
      current = null;
      if (!wanted) return null;
      const problem = shortcutProblem(wanted);
      if (problem) return problem;
      if (!api.register(wanted, toggleWindow))
        return `${wanted} is taken by another application; choose another shortcut`;
      current = wanted;
      return null;
    },
  };
}
