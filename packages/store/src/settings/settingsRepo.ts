import type Database from "better-sqlite3";
import { FerryError } from "../schema/ferryError.ts";
import { formatIssues, issueLines } from "../schema/formatIssues.ts";
import {
  SettingKeySchema,
  type Settings,
  type SettingValue,
  SettingValueSchema,
} from "../schema/settings.ts";

/** Ferry-wide settings as JSON values in the `settings` table. */
export function settingsRepo(db: Database.Database) {
  const all = db.prepare("SELECT key, value FROM settings ORDER BY key");
  const one = db.prepare("SELECT value FROM settings WHERE key = ?");
  const upsert = db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  );
  const remove = db.prepare("DELETE FROM settings WHERE key = ?");

  const checkKey = (key: string) => {
    const parsed = SettingKeySchema.safeParse(key);
    if (!parsed.success) {
      throw new FerryError(
        "INVALID_SETTING",
        `setting "${key}": ${parsed.error.issues[0]?.message}`,
      );
    }
  };

  return {
    all(): Settings {
      const rows = all.all() as { key: string; value: string }[];
      return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as SettingValue]));
    },
    get(key: string): SettingValue | undefined {
      const row = one.get(key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as SettingValue) : undefined;
    },
    set(key: string, value: SettingValue): void {
      checkKey(key);
      const parsed = SettingValueSchema.safeParse(value);
      if (!parsed.success) {
        const issues = formatIssues(parsed.error);
        throw new FerryError("INVALID_SETTING", `setting "${key}":\n${issueLines(issues)}`, issues);
      }
      upsert.run(key, JSON.stringify(parsed.data));
    },
    delete(key: string): void {
      remove.run(key);
    },
  };
}
