import * as z from "zod";

/**
 * Ferry-wide settings, one row each in the `settings` table. Keys are open-ended so later areas
 * (auto-import, git sync, HTTP logs) can add theirs; values are any JSON.
 */
export const SettingKeySchema = z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, {
  error: "expected a key of lowercase letters, digits, '.', '_' or '-'",
});

/** Settings are small documents; deeper values are refused before zod's (recursive) check. */
export const MAX_SETTING_DEPTH = 16;

/** True when arrays and objects in `value` nest at most `max` deep. Iterative: no stack limit. */
export function nestsAtMost(value: unknown, max: number): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    if (v === null || typeof v !== "object") continue;
    if (depth + 1 > max) return false;
    for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1 });
  }
  return true;
}

export const SettingValueSchema = z
  .custom<unknown>((v) => nestsAtMost(v, MAX_SETTING_DEPTH), {
    error: `expected a JSON value nested at most ${MAX_SETTING_DEPTH} levels deep`,
  })
  .pipe(z.json());
export type SettingValue = z.infer<typeof SettingValueSchema>;
export type Settings = Record<string, SettingValue>;
