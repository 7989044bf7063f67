import * as z from "zod";

/**
 * Ferry-wide settings, one row each in the `settings` table. Keys are open-ended so later areas
 * (auto-import, git sync, HTTP logs) can add theirs; values are any JSON.
 */
export const SettingKeySchema = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, {
  error: "expected a key of lowercase letters, digits, '.', '_' or '-'",
});

export const SettingValueSchema = z.json();
export type SettingValue = z.infer<typeof SettingValueSchema>;
export type Settings = Record<string, SettingValue>;
