import type Database from "better-sqlite3";

/** The `desired_running` table (migration 4): one row per config that should be running. */
export function desiredRows(db: Database.Database) {
  const all = db.prepare<[], { config_id: number }>(
    "SELECT config_id FROM desired_running ORDER BY config_id",
  );
  // Only ids of existing configs go in, so a config deleted meanwhile leaves no stale row.
  const add = db.prepare(
    "INSERT OR IGNORE INTO desired_running (config_id) SELECT id FROM configs WHERE id = ?",
  );
  const drop = db.prepare("DELETE FROM desired_running WHERE config_id = ?");
  return {
    running: (): number[] => all.all().map((r) => r.config_id),
    set(ids: number[], running: boolean): void {
      for (const id of ids) (running ? add : drop).run(id);
    },
  };
}
